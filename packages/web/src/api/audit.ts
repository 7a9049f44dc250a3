import type { AuditEventPage, AuditQuery, AuditVerification } from '@dermis/core';
import { api } from './client.ts';

/** Query string for one page of the audit log; empty filters are left out. */
export function auditEventsPath(query: AuditQuery): string {
  const params = new URLSearchParams();
  if (query.before !== undefined) params.set('before', String(query.before));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  const action = query.action?.trim();
  if (action) params.set('action', action);
  const userId = query.userId?.trim();
  if (userId) params.set('userId', userId);
  const search = params.toString();
  return search ? `/api/audit/events?${search}` : '/api/audit/events';
}

export const listAuditEvents = (query: AuditQuery, signal?: AbortSignal) =>
  api.request<AuditEventPage>('GET', auditEventsPath(query), signal ? { signal } : {});

export const verifyAuditChain = () => api.request<AuditVerification>('GET', '/api/audit/verify');
