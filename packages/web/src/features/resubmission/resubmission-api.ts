import type { CasePhotoRequests, SentPhotosReceipt } from '@dermis/core';
import { api } from '../../api/client.ts';

const path = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/photo-requests`;

/** The dermatologist's open photo requests for a case, each with how many photos already answer it. */
export const getPhotoRequests = (caseId: string, signal?: AbortSignal) =>
  api.request<CasePhotoRequests>('GET', path(caseId), signal ? { signal } : {});

/** Sends the uploaded photos to the dermatologist (once per Idempotency-Key). */
export const sendRequestedPhotos = (caseId: string, idempotencyKey: string) =>
  api.request<SentPhotosReceipt>('POST', `${path(caseId)}/send`, { headers: { 'Idempotency-Key': idempotencyKey } });
