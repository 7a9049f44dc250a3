import { type CaseReceipt, EMERGENCY_ADVICE } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { getCase } from '../../api/cases.ts';
import { formatCalendarDate } from '../../ui/date-format.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useSignedInSession } from '../auth/index.ts';
import { EmergencyAdvice } from './consent-panel.tsx';
import { ResponsibilityNote } from './referral/responsibility-note.tsx';

function receiptFrom(state: unknown): CaseReceipt | null {
  const receipt = (state as { receipt?: CaseReceipt } | null)?.receipt;
  return receipt && typeof receipt.caseNumber === 'string' ? receipt : null;
}

/** `/cases/:id/receipt`: shown after sending (and after a reload, from the case itself). */
export function ReceiptPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const fromSubmit = receiptFrom(location.state);
  const [state, reload] = useLoad(async (signal) => fromSubmit ?? toReceipt(await getCase(id, signal)), [id]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <div className="page">
        <LoadError error={state.error} onRetry={reload} />
      </div>
    );
  }
  return <Receipt receipt={state.data} />;
}

type ReceiptView = Pick<CaseReceipt, 'caseId' | 'caseNumber'> &
  Partial<Pick<CaseReceipt, 'expectedResponseBusinessDays'>> & { expectedResponseBy: string | null };

function toReceipt(detail: Awaited<ReturnType<typeof getCase>>): ReceiptView {
  return { caseId: detail.id, caseNumber: detail.caseNumber, expectedResponseBy: detail.expectedResponseBy };
}

function Receipt({ receipt }: { receipt: ReceiptView }) {
  const { t, i18n } = useTranslation();
  const { user } = useSignedInSession();
  const language = i18n.language.startsWith('es') ? 'es' : 'en';
  // A referring clinician's next steps: the advice comes back to them, and the patient's care stays theirs.
  const next = user.role === 'referring_clinician' ? 'referral.receipt' : 'receipt';
  return (
    <div className="page receipt" data-testid="case-receipt">
      <PageHeading>{t('receipt.title')}</PageHeading>
      <section className="panel receipt-panel">
        <dl className="details">
          <dt>{t('receipt.caseNumber')}</dt>
          <dd className="case-number" data-testid="receipt-case-number">
            {receipt.caseNumber}
          </dd>
          {receipt.expectedResponseBy ? (
            <>
              <dt>{t('receipt.expected')}</dt>
              <dd>
                {formatCalendarDate(receipt.expectedResponseBy, i18n.language)}
                {receipt.expectedResponseBusinessDays !== undefined
                  ? ` (${t('receipt.expectedDays', { count: receipt.expectedResponseBusinessDays })})`
                  : null}
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="panel" aria-labelledby="next-title">
        <h2 id="next-title">{t('receipt.nextTitle')}</h2>
        <p>{t(`${next}.next1`)}</p>
        <p>{t(`${next}.next2`)}</p>
        <p>{t(`${next}.next3`)}</p>
      </section>
      {user.role === 'referring_clinician' ? (
        <ResponsibilityNote />
      ) : (
        <EmergencyAdvice text={EMERGENCY_ADVICE[language]} />
      )}
      <p>
        <Link to="/">{t('receipt.home')}</Link>
      </p>
    </div>
  );
}
