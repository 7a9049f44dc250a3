import type { AuditEvent } from '@dermis/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listAuditEvents } from '../../api/audit.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { Notice } from '../../ui/notice.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { type AuditFilters, checkAuditFilters, cleanAuditFilters, NO_FILTERS } from './audit-filters.ts';
import { AuditTable } from './audit-table.tsx';
import { ChainVerification } from './chain-verification.tsx';

const PAGE_SIZE = 50;

type Log =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; events: AuditEvent[]; nextBefore: number | null };

export function AuditPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<AuditFilters>(NO_FILTERS);
  const [problems, setProblems] = useState<ReturnType<typeof checkAuditFilters>>({});
  const [log, setLog] = useState<Log>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [isLoadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);

  // First page for the applied filters; older pages are appended by loadOlder().
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load on "Try again".
  useEffect(() => {
    const controller = new AbortController();
    setLog({ status: 'loading' });
    setOlderError(null);
    listAuditEvents({ ...applied, limit: PAGE_SIZE }, controller.signal).then(
      (page) => setLog({ status: 'ready', events: page.events, nextBefore: page.nextBefore }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLog({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [applied, attempt]);

  async function loadOlder() {
    if (log.status !== 'ready' || log.nextBefore === null) return;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const page = await listAuditEvents({ ...applied, limit: PAGE_SIZE, before: log.nextBefore });
      setLog({ status: 'ready', events: [...log.events, ...page.events], nextBefore: page.nextBefore });
    } catch (error) {
      setOlderError(errorText(error));
    } finally {
      setLoadingOlder(false);
    }
  }

  function applyFilters(event: FormEvent) {
    event.preventDefault();
    const found = checkAuditFilters(draft);
    setProblems(found);
    if (found.action) return document.getElementById('audit-action')?.focus();
    if (found.userId) return document.getElementById('audit-user')?.focus();
    setApplied(cleanAuditFilters(draft));
  }

  function clearFilters() {
    setDraft(NO_FILTERS);
    setProblems({});
    setApplied(NO_FILTERS);
  }

  const isFiltered = Boolean(applied.action || applied.userId);

  return (
    <div className="page page-wide">
      <PageHeading>{t('audit.title')}</PageHeading>
      <ChainVerification />
      <section aria-labelledby="audit-events-title">
        <h2 id="audit-events-title">{t('audit.eventsTitle')}</h2>
        <form className="form filter-form" noValidate onSubmit={applyFilters} aria-label={t('audit.filtersLabel')}>
          <TextField
            id="audit-action"
            label={t('audit.filterAction')}
            hint={t('audit.filterActionHint')}
            autoComplete="off"
            spellCheck={false}
            value={draft.action}
            error={problems.action ? t(`audit.problems.${problems.action}`) : null}
            onChange={(event) => setDraft({ ...draft, action: event.target.value })}
          />
          <TextField
            id="audit-user"
            label={t('audit.filterUser')}
            autoComplete="off"
            spellCheck={false}
            value={draft.userId}
            error={problems.userId ? t(`audit.problems.${problems.userId}`) : null}
            onChange={(event) => setDraft({ ...draft, userId: event.target.value })}
          />
          <div className="button-row">
            <button type="submit" className="button">
              {t('audit.apply')}
            </button>
            <button type="button" className="button button-secondary" onClick={clearFilters} disabled={!isFiltered}>
              {t('audit.clear')}
            </button>
          </div>
        </form>

        {log.status === 'loading' ? <Loading label={t('audit.loading')} /> : null}
        {log.status === 'error' ? <LoadError error={log.error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
        {log.status === 'ready' && log.events.length === 0 ? (
          <EmptyState title={t(isFiltered ? 'audit.emptyFiltered' : 'audit.empty')} />
        ) : null}
        {log.status === 'ready' && log.events.length > 0 ? (
          <>
            <p className="table-summary" role="status">
              {t('audit.showing', { count: log.events.length })}
            </p>
            <AuditTable events={log.events} />
            {olderError ? <Notice tone="error">{olderError}</Notice> : null}
            {log.nextBefore !== null ? (
              <button type="button" className="button button-secondary" onClick={loadOlder} disabled={isLoadingOlder}>
                {isLoadingOlder ? t('audit.loadingOlder') : t('audit.older')}
              </button>
            ) : (
              <p className="table-summary">{t('audit.end')}</p>
            )}
          </>
        ) : null}
      </section>
    </div>
  );
}
