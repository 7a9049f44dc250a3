import type { CasePhotoRequests } from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type CaseCaller, findCaseInScope } from '../cases/index.ts';
import { countPhotosPerRequest } from '../photos/index.ts';
import { findOpenPhotoRequestRound, findOpenPhotoRequests } from '../responses/index.ts';

/** What the submitter still has to send: the open requests, each with how many photos already answer it. */
export async function readPhotoRequests(p: Platform, caller: CaseCaller, caseId: string): Promise<CasePhotoRequests> {
  const found = await findCaseInScope(p.db, caller, caseId);
  if (!found) throw new AppError('NOT_FOUND');
  await caller.audit(p.db, {
    action: 'photo_requests.read',
    objectType: 'case',
    objectId: caseId,
    patientId: found.patientRecordId,
  });
  if (found.status !== 'waiting_for_patient') return { caseId, isWaiting: false, requestedAt: null, requests: [] };
  const [open, round] = await Promise.all([
    findOpenPhotoRequests(p.db, caseId),
    findOpenPhotoRequestRound(p.db, caseId),
  ]);
  const counts = await countPhotosPerRequest(
    p.db,
    caseId,
    open.map((r) => r.id),
  );
  return {
    caseId,
    isWaiting: open.length > 0,
    requestedAt: round?.requestedAt.toISOString() ?? null,
    requests: open.map((request) => ({ request, photoCount: counts.get(request.id) ?? 0 })),
  };
}
