import type { QueueQuery } from '@dermis/core';

/** The queue filters a dermatologist can set (the cursor and page size are the list's own business). */
export type QueueFilters = Omit<QueueQuery, 'cursor' | 'limit'>;

const FILTER_KEYS = ['concern', 'ageGroup', 'priority', 'review', 'submittedFrom', 'submittedTo'] as const;

/** `?concern=rash&cursor=…` for the set values only, in a fixed order. */
export function queueSearch(query: QueueQuery): string {
  const params = new URLSearchParams();
  for (const key of [...FILTER_KEYS, 'cursor', 'limit'] as const) {
    const value = query[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A filter set with one value changed; an empty value removes the filter. */
export function withFilter(filters: QueueFilters, key: keyof QueueFilters, value: string): QueueFilters {
  const next: Record<string, string> = { ...(filters as Record<string, string>) };
  if (value === '') delete next[key];
  else next[key] = value;
  return next as QueueFilters;
}

export type WaitingUnit = 'minutes' | 'hours' | 'days';

/** Waiting time in the unit a clinician reads at a glance: minutes under an hour, hours under two days. */
export function waitingTime(seconds: number): { unit: WaitingUnit; count: number } {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}
