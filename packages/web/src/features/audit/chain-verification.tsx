import type { AuditVerification } from '@dermis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { verifyAuditChain } from '../../api/audit.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { Notice } from '../../ui/notice.tsx';

/** Recomputes the audit log's hash chain on the server and reports the first broken link, if any. */
export function ChainVerification() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);

  async function verify() {
    setPending(true);
    setError(null);
    try {
      setResult(await verifyAuditChain());
    } catch (caught) {
      setResult(null);
      setError(errorText(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="chain-title" data-testid="audit-verification">
      <h2 id="chain-title">{t('audit.chain.title')}</h2>
      <p className="panel-intro">{t('audit.chain.intro')}</p>
      <button type="button" className="button button-secondary" onClick={verify} disabled={isPending}>
        {isPending ? t('audit.chain.pending') : t('audit.chain.verify')}
      </button>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {result?.ok ? <Notice tone="success">{t('audit.chain.ok', { count: result.checked })}</Notice> : null}
      {result && !result.ok ? (
        <Notice tone="error">
          {t('audit.chain.broken', { seq: result.firstBrokenSeq ?? '?', count: result.checked })}
        </Notice>
      ) : null}
    </section>
  );
}
