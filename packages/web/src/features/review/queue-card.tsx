import type { QueueItem } from '@dermis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { Notice } from '../../ui/notice.tsx';
import { waitingTime } from './queue-query.ts';
import { claimCase, releaseCase } from './review-api.ts';

/**
 * One queued case as the queue shows it before claiming: number, concern, age group, priority with the
 * reasons, waiting time. Claim, or open and release one's own; someone else's is only named as taken.
 */
export function QueueCard({ item, onChange }: { item: QueueItem; onChange: (item: QueueItem) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const number = item.caseNumber;
  const waiting = waitingTime(item.waitingSeconds);

  async function act(action: 'claim' | 'release') {
    setBusy(true);
    setError(null);
    try {
      await (action === 'claim' ? claimCase(item.id) : releaseCase(item.id));
      onChange({ ...item, review: action === 'claim' ? 'mine' : 'unclaimed' });
    } catch (failure) {
      setError(failure);
      // Someone else was quicker: show the case as theirs.
      if (failure instanceof ApiError && failure.code === 'CASE_ALREADY_CLAIMED')
        onChange({ ...item, review: 'others' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={`queue-card queue-card-${item.priority}`} data-testid="queue-card">
      <div className="queue-card-head">
        <span className={`priority-badge priority-badge-${item.priority}`}>
          {t(`reviewQueue.priorities.${item.priority}`)}
        </span>
        <h3 className="queue-card-number">{t('reviewQueue.caseNumber', { number })}</h3>
      </div>
      <p className="queue-card-facts">
        {t(`concerns.${item.concern}`)}
        {item.ageGroup ? ` · ${t(`reviewQueue.ageGroups.${item.ageGroup}`)}` : ''}
      </p>
      <p className="queue-card-waiting">{t(`reviewQueue.waiting.${waiting.unit}`, { count: waiting.count })}</p>
      {item.resubmittedAt ? (
        <p className="queue-card-new-photos" data-testid="queue-new-photos">
          {t('reviewQueue.newPhotos')}
        </p>
      ) : null}
      {item.reasons.length > 0 ? (
        <ul className="queue-reasons" aria-label={t('reviewQueue.reasonsLabel', { number })}>
          {item.reasons.map((rule) => (
            <li key={rule}>{t(`caseReview.redFlagText.${rule}`)}</li>
          ))}
        </ul>
      ) : (
        <p className="queue-no-reasons">{t('reviewQueue.noReasons')}</p>
      )}
      <div className="queue-card-actions">
        {item.review === 'unclaimed' ? (
          <button
            type="button"
            className="button button-small"
            disabled={isBusy}
            onClick={() => act('claim')}
            aria-label={t('reviewQueue.claimLabel', { number })}
          >
            {t('reviewQueue.claim')}
          </button>
        ) : null}
        {item.review === 'mine' ? (
          <>
            <Link
              className="button button-small"
              to={`/review/cases/${encodeURIComponent(item.id)}`}
              aria-label={t('reviewQueue.openLabel', { number })}
            >
              {t('reviewQueue.open')}
            </Link>
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={isBusy}
              onClick={() => act('release')}
              aria-label={t('reviewQueue.releaseLabel', { number })}
            >
              {t('reviewQueue.release')}
            </button>
          </>
        ) : null}
        {item.review === 'others' ? <p className="queue-claimed-other">{t('reviewQueue.claimedByOther')}</p> : null}
      </div>
      {error ? (
        <Notice tone="error">
          <p>{errorText(error)}</p>
        </Notice>
      ) : null}
    </li>
  );
}
