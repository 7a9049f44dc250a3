import type { CaseSummary } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listCases } from '../../api/cases.ts';
import { formatCalendarDate } from '../../ui/date-format.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { formatDay } from './format-day.ts';
import { patientName } from './referral/patient-label.ts';

/**
 * The caller's cases on their home page: drafts to continue, sent cases to follow. A patient's own, or a
 * referring clinician's for their patients (`forPatients`: each row names the patient, new cases start with
 * the patient's details).
 */
export function CaseList({ forPatients = false }: { forPatients?: boolean }) {
  const { t } = useTranslation();
  const [state, reload] = useLoad((signal) => listCases(signal), []);
  return (
    <div className="case-list-section">
      <div className="case-list-head">
        <Link className="button" to={forPatients ? '/cases/new-for-patient' : '/cases/new'}>
          {t(forPatients ? 'referral.newAction' : 'caseList.startNew')}
        </Link>
      </div>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.cases.length === 0 ? (
        <EmptyState title={t(forPatients ? 'home.referringClinician.empty' : 'home.patient.empty')}>
          {t(forPatients ? 'referral.emptyHint' : 'caseList.emptyHint')}
        </EmptyState>
      ) : null}
      {state.status === 'ready' && state.data.cases.length > 0 ? (
        <ul className="case-list" data-testid="case-list">
          {state.data.cases.map((c) => (
            <CaseRow key={c.id} summary={c} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function CaseRow({ summary }: { summary: CaseSummary }) {
  const { t, i18n } = useTranslation();
  const isDraft = summary.status === 'draft';
  const path = `/cases/${encodeURIComponent(summary.id)}`;
  return (
    <li className="case-card">
      {summary.patient ? (
        <p className="case-card-patient">
          {t('referral.patientLine', {
            name: patientName(summary.patient),
            date: formatCalendarDate(summary.patient.birthDate, i18n.language),
          })}
        </p>
      ) : null}
      <p className="case-card-number">{t('caseList.caseNumber', { number: summary.caseNumber })}</p>
      <p className="case-card-concern">{t(`concerns.${summary.concern}`)}</p>
      <p className={`case-status case-status-${summary.status}`}>{t(`caseStatus.${summary.status}`)}</p>
      <p className="case-card-date">
        {summary.submittedAt
          ? t('caseList.sent', { date: formatDay(summary.submittedAt, i18n.language) })
          : t('caseList.started', { date: formatDay(summary.createdAt, i18n.language) })}
      </p>
      <Link
        className={isDraft ? 'button button-small' : 'button button-secondary button-small'}
        to={isDraft ? `${path}/edit` : path}
        aria-label={t(isDraft ? 'caseList.continueLabel' : 'caseList.viewLabel', { number: summary.caseNumber })}
      >
        {t(isDraft ? 'caseList.continue' : 'caseList.view')}
      </Link>
    </li>
  );
}
