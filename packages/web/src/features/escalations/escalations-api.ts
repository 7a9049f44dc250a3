import type { Escalation, SpecialistQueue } from '@dermis/core';
import { api } from '../../api/client.ts';

export const getSpecialistQueue = (signal: AbortSignal) =>
  api.request<SpecialistQueue>('GET', '/api/specialist/queue', { signal });

export const claimEscalation = (id: string) =>
  api.request<Escalation>('POST', `/api/specialist/escalations/${encodeURIComponent(id)}/claim`);
