import type { QueueCounts, QueueItem } from '@dermis/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { QueueCard } from './queue-card.tsx';
import { QueueFilterForm } from './queue-filters.tsx';
import { type QueueFilters, withFilter } from './queue-query.ts';
import { getQueue } from './review-api.ts';

const PAGE_SIZE = 20;

/** The dermatologist's queue: urgent first, then submission order; filters with counts; keyset pages. */
export function ReviewQueue() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<QueueFilters>({});
  // Cursors of the pages walked so far: the last one is the page on screen (undefined: the first page).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const [state, reload, update] = useLoad(
    (signal) => getQueue({ ...filters, ...(cursor ? { cursor } : {}), limit: PAGE_SIZE }, signal),
    [filters, cursor],
  );
  // Counts stay on screen while the next page or filter loads.
  const [counts, setCounts] = useState<QueueCounts | null>(null);
  useEffect(() => {
    if (state.status === 'ready') setCounts(state.data.counts);
  }, [state]);

  const changeFilter = (key: keyof QueueFilters, value: string) => {
    setFilters((current) => withFilter(current, key, value));
    setCursors([undefined]);
  };
  // A claim or release moves one case between review states; the other counts are unchanged.
  const replaceItem = (item: QueueItem) =>
    update((page) => {
      const before = page.items.find((i) => i.id === item.id);
      const review = { ...page.counts.review };
      if (before && before.review !== item.review) {
        review[before.review] -= 1;
        review[item.review] += 1;
      }
      return {
        ...page,
        counts: { ...page.counts, review },
        items: page.items.map((i) => (i.id === item.id ? item : i)),
      };
    });

  return (
    <div className="review-queue" data-testid="review-queue">
      <QueueFilterForm
        filters={filters}
        counts={counts}
        onChange={changeFilter}
        onClear={() => {
          setFilters({});
          setCursors([undefined]);
        }}
      />
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <section className="queue-results" aria-labelledby="queue-results-title">
          <h2 id="queue-results-title" className="queue-total">
            {t('reviewQueue.total', { count: state.data.total })}
            {cursors.length > 1 ? ` · ${t('reviewQueue.pageNumber', { number: cursors.length })}` : ''}
          </h2>
          {state.data.items.length === 0 ? (
            <EmptyState title={t('reviewQueue.empty')} />
          ) : (
            <ol className="queue-list">
              {state.data.items.map((item) => (
                <QueueCard key={item.id} item={item} onChange={replaceItem} />
              ))}
            </ol>
          )}
          <div className="queue-pages">
            {cursors.length > 1 ? (
              <button type="button" className="button button-secondary" onClick={() => setCursors([undefined])}>
                {t('reviewQueue.firstPage')}
              </button>
            ) : null}
            {state.data.nextCursor ? (
              <button
                type="button"
                className="button"
                onClick={() => setCursors((walked) => [...walked, state.data.nextCursor ?? undefined])}
              >
                {t('reviewQueue.nextPage')}
              </button>
            ) : null}
          </div>
        </section>
      ) : null}
    </div>
  );
}
