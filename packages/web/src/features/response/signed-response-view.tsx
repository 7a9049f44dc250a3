import type { Medication, SignedResponse } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/date-format.ts';
import { carePlanUrl } from './response-api.ts';

function MedicationView({ medication }: { medication: Medication }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t('response.medication.name'), medication.name],
    [t('response.medication.dose'), medication.dose],
    [t('response.medication.route'), medication.route ? t(`response.medication.routes.${medication.route}`) : ''],
    [t('response.medication.frequency'), medication.frequency],
    [t('response.medication.durationDays'), String(medication.durationDays ?? '')],
    [t('response.medication.quantity'), `${medication.quantity.value ?? ''} ${medication.quantity.unit}`],
    [t('response.medication.instructions'), medication.instructions],
  ];
  return (
    <section className="response-medication">
      <h4>{t('response.medication.title')}</h4>
      <dl className="response-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button button-secondary response-print" onClick={() => window.print()}>
        {t('response.medication.print')}
      </button>
    </section>
  );
}

/** A signed response as sent: read-only, with its amendments after it (the original is never changed). */
export function SignedResponseView({ caseId, response }: { caseId: string; response: SignedResponse }) {
  const { t, i18n } = useTranslation();
  return (
    <article className="response-signed" aria-labelledby={`response-${response.id}`}>
      <h3 id={`response-${response.id}`}>{t(`response.dispositions.${response.disposition}`)}</h3>
      <p className="response-meta">
        {t('response.signedBy', {
          name: response.signedByName,
          date: formatDateTime(response.signedAt, i18n.language),
        })}
      </p>
      <p className="response-narrative">{response.narrative}</p>
      {response.medication ? <MedicationView medication={response.medication} /> : null}
      {response.requestedPhotos.length > 0 ? (
        <section>
          <h4>{t('response.images.requested')}</h4>
          <ul>
            {response.requestedPhotos.map((photo) => (
              <li key={photo.id}>
                <strong>
                  {photo.siteLabel}, {t(`response.views.${photo.view}`)}
                </strong>
                : {photo.instruction}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {response.carePlan ? (
        <p>
          <a href={carePlanUrl(caseId, response.carePlan.id)} download="care-plan.pdf">
            {t('response.carePlan.download')}
          </a>
        </p>
      ) : null}
      {response.amendments.length > 0 ? (
        <section>
          <h4>{t('response.amendments.title')}</h4>
          <ol className="response-amendments">
            {response.amendments.map((amendment) => (
              <li key={amendment.id}>
                <p className="response-meta">
                  {t('response.amendments.by', {
                    name: amendment.authorName,
                    date: formatDateTime(amendment.createdAt, i18n.language),
                    reason: amendment.reason,
                  })}
                </p>
                <p className="response-narrative">{amendment.text}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}
