import {
  AGE_GROUPS,
  type QueueCounts,
  type QueueItem,
  type QueuePage,
  type QueueQuery,
  REVIEW_STATES,
  type ReviewState,
  TRIAGE_PRIORITIES,
} from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import { decodeCursor, encodeCursor } from './queue-cursor.ts';
import { countQueueGroups, listQueuePage, type QueueFilters, type QueueGroupRow, type QueueRow } from './store.ts';

const CONCERNS = ['lesion', 'rash', 'other'] as const;
const DEFAULT_LIMIT = 25;

function reviewStateOf(row: QueueRow, userId: string): ReviewState {
  if (row.assigned_to === null) return 'unclaimed';
  return row.assigned_to === userId ? 'mine' : 'others';
}

function toItem(row: QueueRow, userId: string, now: Date): QueueItem {
  return {
    id: row.id,
    caseNumber: row.case_number,
    concern: row.concern,
    ageGroup: row.age_group,
    priority: row.triage_priority,
    reasons: row.triage_rules,
    submittedAt: row.submitted_at.toISOString(),
    waitingSeconds: Math.max(0, Math.floor((now.getTime() - row.submitted_at.getTime()) / 1000)),
    review: reviewStateOf(row, userId),
    resubmittedAt: row.photos_returned_at?.toISOString() ?? null,
  };
}

const zeroCounts = <T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((v) => [v, 0])) as Record<T[number], number>;

/** Counts per value of each filter under the other filters, and the total under all of them. */
export function facetCounts(groups: QueueGroupRow[], filters: QueueFilters): { counts: QueueCounts; total: number } {
  const counts: QueueCounts = {
    concern: zeroCounts(CONCERNS),
    ageGroup: zeroCounts(AGE_GROUPS),
    priority: zeroCounts(TRIAGE_PRIORITIES),
    review: zeroCounts(REVIEW_STATES),
  };
  const matches = (g: QueueGroupRow, skip: keyof QueueCounts | null) =>
    (skip === 'concern' || !filters.concern || g.concern === filters.concern) &&
    (skip === 'ageGroup' || !filters.ageGroup || g.age_group === filters.ageGroup) &&
    (skip === 'priority' || !filters.priority || g.triage_priority === filters.priority) &&
    (skip === 'review' || !filters.review || g.review === filters.review);
  let total = 0;
  for (const g of groups) {
    if (matches(g, null)) total += g.n;
    if (matches(g, 'concern')) counts.concern[g.concern] += g.n;
    if (g.age_group && matches(g, 'ageGroup')) counts.ageGroup[g.age_group] += g.n;
    if (matches(g, 'priority')) counts.priority[g.triage_priority] += g.n;
    if (matches(g, 'review')) counts.review[g.review] += g.n;
  }
  return { counts, total };
}

/** The first page (no cursor) or the page after `query.cursor`, for a dermatologist choosing a case. */
export async function readQueuePage(
  p: Pick<Platform, 'db' | 'clock'>,
  userId: string,
  query: QueueQuery,
  options: { withCounts?: boolean } = {},
): Promise<QueuePage> {
  const { cursor: cursorText, limit = DEFAULT_LIMIT, ...filters } = query;
  const cursor = cursorText ? decodeCursor(cursorText) : null;
  const now = p.clock.now();
  const [rows, groups] = await Promise.all([
    listQueuePage(p.db, userId, filters, cursor, limit + 1),
    options.withCounts === false ? Promise.resolve([]) : countQueueGroups(p.db, userId, filters),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ rank: last.queue_rank, submittedAt: last.submitted_exact, id: last.id })
      : null;
  return { items: page.map((row) => toItem(row, userId, now)), nextCursor, ...facetCounts(groups, filters) };
}
