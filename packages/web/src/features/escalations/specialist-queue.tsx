import type { SpecialistQueueEntry } from '@dermis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { Notice } from '../../ui/notice.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { waitingTime } from '../review/index.ts';
import { claimEscalation, getSpecialistQueue } from './escalations-api.ts';
import { afterClaim, waitingSeconds } from './specialist-queue-state.ts';

/**
 * The specialist's queue (issue 6): before claiming only the question, concern, age group and urgency (minimum
 * necessary: no name, no images). Claiming moves an entry to "My escalations"; a lost race is explained.
 */
export function SpecialistQueue() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state, reload, update] = useLoad((signal) => getSpecialistQueue(signal), []);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function claim(id: string) {
    setBusyId(id);
    setError(null);
    try {
      await claimEscalation(id);
      update((queue) => afterClaim(queue, id, 'claimed'));
    } catch (failure) {
      setError(failure);
      if (failure instanceof ApiError && failure.code === 'ESCALATION_ALREADY_CLAIMED') {
        update((queue) => afterClaim(queue, id, 'taken'));
      } else if (failure instanceof ApiError && failure.code === 'NOT_FOUND') {
        update((queue) => afterClaim(queue, id, 'gone'));
      }
    } finally {
      setBusyId(null);
    }
  }

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={reload} />;
  const { open, mine } = state.data;
  return (
    <div className="specialist-queue" data-testid="specialist-queue">
      {error ? (
        <Notice tone="error">
          <p>{errorText(error)}</p>
        </Notice>
      ) : null}
      <section aria-labelledby="specialist-open-title">
        <h2 id="specialist-open-title">{t('specialistQueue.openTitle', { count: open.length })}</h2>
        {open.length === 0 ? (
          <EmptyState title={t('home.specialist.empty')} />
        ) : (
          <ol className="queue-list">
            {open.map((entry) => (
              <EntryCard key={entry.id} entry={entry}>
                <button
                  type="button"
                  className="button button-small"
                  disabled={busyId !== null}
                  onClick={() => claim(entry.id)}
                >
                  {t('specialistQueue.claim')}
                </button>
              </EntryCard>
            ))}
          </ol>
        )}
      </section>
      {mine.length > 0 ? (
        <section aria-labelledby="specialist-mine-title">
          <h2 id="specialist-mine-title">{t('specialistQueue.mineTitle')}</h2>
          <ol className="queue-list">
            {mine.map((entry) => (
              <EntryCard key={entry.id} entry={entry}>
                <p>{t(`specialistQueue.status.${entry.status === 'answered' ? 'answered' : 'claimed'}`)}</p>
              </EntryCard>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

function EntryCard({ entry, children }: { entry: SpecialistQueueEntry; children: React.ReactNode }) {
  const { t } = useTranslation();
  const waiting = waitingTime(waitingSeconds(entry.escalatedAt, new Date()));
  return (
    <li className={`queue-card queue-card-${entry.priority}`} data-testid="specialist-queue-entry">
      <div className="queue-card-head">
        <span className={`priority-badge priority-badge-${entry.priority}`}>
          {t(`reviewQueue.priorities.${entry.priority}`)}
        </span>
        {entry.namedForMe ? <span className="queue-card-named">{t('specialistQueue.namedForMe')}</span> : null}
      </div>
      <p className="queue-card-facts">
        {t(`concerns.${entry.concern}`)}
        {entry.ageGroup ? ` · ${t(`reviewQueue.ageGroups.${entry.ageGroup}`)}` : ''}
      </p>
      <p className="specialist-question">
        <strong>{t('specialistQueue.question')}</strong> {entry.question}
      </p>
      <p className="queue-card-waiting">{t(`reviewQueue.waiting.${waiting.unit}`, { count: waiting.count })}</p>
      <div className="queue-card-actions">{children}</div>
    </li>
  );
}
