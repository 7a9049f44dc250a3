import { arePatientAnnotationsReleased, type CaseReviewView } from '@dermis/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { ResponsePanel } from '../response/index.ts';
import { waitingTime } from '../review/index.ts';
import { formatDay, intakeTextFor, useBodySiteLabel } from '../submission/index.ts';
import { EarlierCases, SiteComparisons } from './case-history.tsx';
import { getCaseView } from './case-review-api.ts';
import { ClinicalSummaryPanel } from './clinical-summary-panel.tsx';
import { PhotoWorkspace } from './photo-workspace.tsx';

/** `/review/cases/:id`: the whole case on one screen for the dermatologist it is assigned to. */
export function CaseReviewPage() {
  const { id = '' } = useParams();
  const [state, reload] = useLoad((signal) => getCaseView(id, signal), [id]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <div className="page">
        <LoadError error={state.error} onRetry={reload} />
      </div>
    );
  }
  return <CaseReview view={state.data} onRefreshLinks={reload} />;
}

function CaseReview({ view, onRefreshLinks }: { view: CaseReviewView; onRefreshLinks(): void }) {
  const { t, i18n } = useTranslation();
  const text = useMemo(() => intakeTextFor(i18n.language), [i18n.language]);
  const bodySiteLabel = useBodySiteLabel(text);
  const siteLabel = (bodySiteId: string) => {
    const site = view.bodySites.find((s) => s.id === bodySiteId);
    return site ? bodySiteLabel(site) : '';
  };
  // The open photo is in the URL (?photo=<id>), so a reload or a link refresh keeps it.
  const [params, setParams] = useSearchParams();
  const selected = view.photos.find((p) => p.id === params.get('photo')) ?? view.photos[0] ?? null;
  const setSelectedId = (photoId: string) => setParams({ photo: photoId }, { replace: true });
  const photoLabel = (index: number) => {
    const photo = view.photos[index]!;
    return t('caseReview.photos.label', {
      number: index + 1,
      total: view.photos.length,
      site: siteLabel(photo.bodySiteId),
      view: photo.view ? t(`caseReview.photos.views.${photo.view}`) : t('caseReview.photos.views.unknown'),
    });
  };
  const { patient } = view;
  const waitingSince = waitingTime(
    view.waitingForPatientSince ? (Date.now() - Date.parse(view.waitingForPatientSince)) / 1000 : 0,
  );

  return (
    <div className="page case-review" data-testid="case-review-page">
      <PageHeading>{t('caseReview.title', { number: view.caseNumber })}</PageHeading>
      <section className="panel case-review-patient" aria-label={t('caseReview.patient.title')}>
        <dl className="details review-details">
          <dt>{t('caseReview.patient.name')}</dt>
          <dd>
            {patient.givenName} {patient.familyName}
          </dd>
          <dt>{t('caseReview.patient.age')}</dt>
          <dd>{t('caseReview.patient.ageYears', { count: patient.ageYears })}</dd>
          <dt>{t('caseReview.patient.sex')}</dt>
          <dd>{patient.sex ?? t('caseReview.patient.notRecorded')}</dd>
          <dt>{t('caseReview.patient.concern')}</dt>
          <dd>{t(`concerns.${view.concern}`)}</dd>
          <dt>{t('caseReview.patient.submitted')}</dt>
          <dd>{formatDay(view.submittedAt, i18n.language)}</dd>
          {view.waitingForPatientSince ? (
            <>
              <dt>{t('caseReview.waitingForPatient')}</dt>
              <dd data-testid="waiting-for-patient">
                {t(`reviewQueue.waiting.${waitingSince.unit}`, { count: waitingSince.count })} (
                {formatDay(view.waitingForPatientSince, i18n.language)})
              </dd>
            </>
          ) : null}
          <dt>{t('caseReview.patient.priority')}</dt>
          <dd>
            <span className={`badge badge-${view.priority}`}>{t(`caseReview.priority.${view.priority}`)}</span>
          </dd>
        </dl>
      </section>

      <section className="panel case-review-photos" aria-labelledby="photos-title">
        <h2 id="photos-title">{t('caseReview.photos.title')}</h2>
        {view.photos.length === 0 ? <p>{t('caseReview.photos.none')}</p> : null}
        <ul className="thumbnail-strip">
          {view.photos.map((photo, index) => (
            <li key={photo.id}>
              <button
                type="button"
                className="thumbnail-button"
                aria-pressed={photo.id === selected?.id}
                onClick={() => setSelectedId(photo.id)}
              >
                <img src={photo.links.thumbnail} alt={photoLabel(index)} className="thumbnail-image" />
              </button>
            </li>
          ))}
        </ul>
        {selected ? (
          <PhotoWorkspace
            key={selected.id}
            photo={selected}
            label={photoLabel(view.photos.indexOf(selected))}
            isLocked={arePatientAnnotationsReleased(view.status)}
            onRefreshLinks={onRefreshLinks}
          />
        ) : null}
      </section>

      <div className="case-review-columns">
        <ClinicalSummaryPanel view={view} />
        <div>
          <EarlierCases view={view} />
          <SiteComparisons view={view} siteLabel={siteLabel} />
        </div>
      </div>

      <section className="panel" data-slot="response-panel" aria-label={t('caseReview.response.title')}>
        <ResponsePanel caseId={view.id} />
      </section>
    </div>
  );
}
