import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLoad } from '../../ui/use-load.ts';
import { formatDay, intakeTextFor, useBodySiteLabel } from '../submission/index.ts';
import { getPhotoRequests } from './resubmission-api.ts';

/**
 * On the case page while the case waits for the patient (or GP): what the dermatologist asked for, and the way
 * to the guided re-submission. Nothing while there is nothing to send.
 */
export function PhotosRequestedNotice({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const siteLabel = useBodySiteLabel(useMemo(() => intakeTextFor(i18n.language), [i18n.language]));
  const [state] = useLoad((signal) => getPhotoRequests(caseId, signal), [caseId]);
  if (state.status !== 'ready' || !state.data.isWaiting) return null;
  const { requests, requestedAt } = state.data;
  return (
    <section className="panel photos-requested" aria-labelledby="photos-requested-title" data-testid="photos-requested">
      <h2 id="photos-requested-title">{t('casePage.photosRequested')}</h2>
      <p>
        {t('casePage.photosRequestedBody', {
          count: requests.length,
          date: requestedAt ? formatDay(requestedAt, i18n.language) : '',
        })}
      </p>
      <ul>
        {requests.map(({ request }) => (
          <li key={request.id}>
            {siteLabel(request)}: {t(`photos.views.${request.view}.title`)}
          </li>
        ))}
      </ul>
      <p>
        <Link className="button" to={`/cases/${encodeURIComponent(caseId)}/more-photos`}>
          {t('casePage.photosRequestedAction')}
        </Link>
      </p>
    </section>
  );
}
