import type { ClaimState, QueuePage, QueueQuery } from '@dermis/core';
import { api } from '../../api/client.ts';
import { queueSearch } from './queue-query.ts';

const casePath = (id: string) => `/api/review/cases/${encodeURIComponent(id)}`;

export const getQueue = (query: QueueQuery, signal: AbortSignal) =>
  api.request<QueuePage>('GET', `/api/review/queue${queueSearch(query)}`, { signal });

export const claimCase = (id: string) => api.request<ClaimState>('POST', `${casePath(id)}/claim`);

export const releaseCase = (id: string) => api.request<ClaimState>('POST', `${casePath(id)}/release`);
