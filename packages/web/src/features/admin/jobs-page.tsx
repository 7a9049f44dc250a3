import type { OutboxJob } from '@dermis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listDeadJobs, retryJob } from '../../api/admin.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { formatDateTime } from '../../ui/date-format.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { Notice } from '../../ui/notice.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useLoad } from '../../ui/use-load.ts';

/** Dead-lettered background jobs (emails, write-backs) that ran out of attempts. */
export function JobsPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [retrying, setRetrying] = useState<string | null>(null);
  const [data, reload, update] = useLoad((signal) => listDeadJobs(signal), []);

  async function retry(job: OutboxJob) {
    setRetrying(job.id);
    setFailure(null);
    try {
      await retryJob(job.id);
      update((current) => ({ jobs: current.jobs.filter((existing) => existing.id !== job.id) }));
      setMessage(t('admin.jobs.retried', { topic: job.topic }));
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setRetrying(null);
    }
  }

  return (
    <div className="page page-wide">
      <PageHeading>{t('admin.jobs.title')}</PageHeading>
      <p>{t('admin.jobs.intro')}</p>
      <p role="status" className={message ? 'notice notice-success' : 'visually-hidden'}>
        {message}
      </p>
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      {data.status === 'loading' ? <Loading label={t('admin.jobs.loading')} /> : null}
      {data.status === 'error' ? <LoadError error={data.error} onRetry={reload} /> : null}
      {data.status === 'ready' && data.data.jobs.length === 0 ? (
        <EmptyState title={t('admin.jobs.empty')}>{t('admin.jobs.emptyBody')}</EmptyState>
      ) : null}
      {data.status === 'ready' && data.data.jobs.length > 0 ? (
        <table className="data-table">
          <caption className="visually-hidden">{t('admin.jobs.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.jobs.topic')}</th>
              <th scope="col">{t('admin.jobs.created')}</th>
              <th scope="col">{t('admin.jobs.attempts')}</th>
              <th scope="col">{t('admin.jobs.lastError')}</th>
              <th scope="col">{t('admin.users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.data.jobs.map((job) => (
              <tr key={job.id}>
                <th scope="row" data-label={t('admin.jobs.topic')}>
                  <code>{job.topic}</code>
                </th>
                <td data-label={t('admin.jobs.created')}>{formatDateTime(job.createdAt, i18n.language)}</td>
                <td data-label={t('admin.jobs.attempts')}>{job.attempts}</td>
                <td data-label={t('admin.jobs.lastError')} className="cell-wrap">
                  {job.lastError ?? '—'}
                </td>
                <td data-label={t('admin.users.actions')}>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    disabled={retrying !== null}
                    onClick={() => void retry(job)}
                  >
                    {retrying === job.id ? t('admin.jobs.retrying') : t('admin.jobs.retry')}
                    <span className="visually-hidden"> – {job.topic}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
