import { type CaseDetail, canTransition, intakeQuestionnaires } from '@dermis/core';
import type { QuestionnaireResponse } from 'fhir/r4.js';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { getCase, withdrawCase } from '../../api/cases.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { formatCalendarDate } from '../../ui/date-format.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { Notice } from '../../ui/notice.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { ErsExportButton } from '../exports/index.ts';
import { PatientResponse } from '../response/index.ts';
import { PhotosRequestedNotice } from '../resubmission/index.ts';
import { formatDay } from './format-day.ts';
import { intakeTextFor } from './intake-text.ts';
import { CasePatientPanel } from './referral/case-patient-panel.tsx';
import { ReviewSummary } from './review-summary.tsx';

/** `/cases/:id`: a case as sent (read-only), its status, and withdrawal while nobody has started reviewing it. */
export function CasePage() {
  const { id = '' } = useParams();
  const [state, reload, update] = useLoad((signal) => getCase(id, signal), [id]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <div className="page">
        <LoadError error={state.error} onRetry={reload} />
      </div>
    );
  }
  return (
    <CaseView detail={state.data} onWithdrawn={(at) => update((d) => ({ ...d, status: 'withdrawn', updatedAt: at }))} />
  );
}

function CaseView({ detail, onWithdrawn }: { detail: CaseDetail; onWithdrawn: (at: string) => void }) {
  const { t, i18n } = useTranslation();
  const text = useMemo(() => intakeTextFor(i18n.language), [i18n.language]);
  const [isConfirming, setConfirming] = useState(false);
  const [justWithdrawn, setJustWithdrawn] = useState(false);
  const questionnaire = intakeQuestionnaires.find(detail.questionnaire);
  const isDraft = detail.status === 'draft';
  const canWithdraw = !isDraft && canTransition(detail.status, 'withdrawn');

  return (
    <div className="page" data-testid="case-page">
      <PageHeading>{t('casePage.title', { number: detail.caseNumber })}</PageHeading>
      {detail.patient ? <CasePatientPanel patient={detail.patient} /> : null}
      {justWithdrawn ? <Notice tone="success">{t('casePage.withdrawn')}</Notice> : null}
      <section className="panel">
        <dl className="details">
          <dt>{t('casePage.status')}</dt>
          <dd data-testid="case-status">{t(`caseStatus.${detail.status}`)}</dd>
          <dt>{t('casePage.concern')}</dt>
          <dd>{t(`concerns.${detail.concern}`)}</dd>
          <dt>{t('casePage.started')}</dt>
          <dd>{formatDay(detail.createdAt, i18n.language)}</dd>
          {detail.submittedAt ? (
            <>
              <dt>{t('casePage.sent')}</dt>
              <dd>{formatDay(detail.submittedAt, i18n.language)}</dd>
            </>
          ) : null}
          {detail.expectedResponseBy && detail.status === 'submitted' ? (
            <>
              <dt>{t('casePage.expected')}</dt>
              <dd>{formatCalendarDate(detail.expectedResponseBy, i18n.language)}</dd>
            </>
          ) : null}
        </dl>
        {isDraft ? (
          <p>
            <Link className="button" to={`/cases/${encodeURIComponent(detail.id)}/edit`}>
              {t('casePage.continue')}
            </Link>
          </p>
        ) : (
          <p>{t('casePage.readOnly')}</p>
        )}
      </section>
      {/* More images: what the dermatologist asked for comes first, with the way to send it. */}
      {detail.status === 'waiting_for_patient' ? <PhotosRequestedNotice caseId={detail.id} /> : null}
      {/* The dermatologist's answer comes first once there is one; before that it says it is not ready yet. */}
      {isDraft || detail.status === 'withdrawn' ? null : <PatientResponse caseId={detail.id} />}
      {questionnaire && detail.intake.response ? (
        <section aria-labelledby="answers-title">
          <h2 id="answers-title">{t('casePage.answers')}</h2>
          <ReviewSummary
            questionnaire={questionnaire}
            response={detail.intake.response as QuestionnaireResponse}
            bodySites={detail.bodySites}
            text={text}
          />
        </section>
      ) : null}
      {isDraft ? null : <ErsExportButton caseId={detail.id} />}
      {canWithdraw ? (
        <section className="panel" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t('casePage.withdraw')}</h2>
          <p>{t('casePage.withdrawHint')}</p>
          <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
            {t('casePage.withdraw')}
          </button>
        </section>
      ) : null}
      {isConfirming ? (
        <ConfirmDialog
          title={t('casePage.withdrawTitle')}
          confirmLabel={t('casePage.withdrawConfirm')}
          isDestructive
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const result = await withdrawCase(detail.id);
            setConfirming(false);
            setJustWithdrawn(true);
            onWithdrawn(result.updatedAt);
          }}
        >
          <p>{t('casePage.withdrawBody')}</p>
        </ConfirmDialog>
      ) : null}
      <p>
        <Link to="/">{t('casePage.back')}</Link>
      </p>
    </div>
  );
}
