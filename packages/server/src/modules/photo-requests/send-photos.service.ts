import { assertTransition, type SentPhotosReceipt } from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueue } from '../../platform/outbox.ts';
import { type CaseCaller, completeIdempotencyKey, findCaseInScope, recordStatusChange } from '../cases/index.ts';
import { enqueuePush } from '../notifications/index.ts';
import { countPhotosPerRequest } from '../photos/index.ts';
import { findOpenPhotoRequests, markPhotoRequestFulfilled } from '../responses/index.ts';
import { retriageCase, updateReturnedToReview } from '../review/index.ts';
import { RETURNED_EMAIL_TOPIC } from './emails.ts';

/**
 * "Send the new photos" (issue 5 "More images"): every open request needs at least one accepted photo; then, in
 * one transaction, the requests are fulfilled, the case goes back to review with the SAME dermatologist (no
 * re-claim), its priority is recomputed, the status change is a timeline event and an audit row, the
 * dermatologist is told (email + push, no PHI) and the idempotent answer is stored.
 * Returns the receipt as the exact JSON text sent (and replayed for a repeated Idempotency-Key).
 */
export async function sendRequestedPhotos(
  p: Platform,
  caller: CaseCaller,
  caseId: string,
  idempotencyKey: string,
): Promise<{ status: 200; body: string }> {
  return p.db.transaction(async (tx) => {
    // Under the case row lock: a photo cannot commit (or a request change) while the requests are checked.
    const found = await findCaseInScope(tx, caller, caseId, { lock: true });
    if (!found) throw new AppError('NOT_FOUND');
    const open = found.status === 'waiting_for_patient' ? await findOpenPhotoRequests(tx, caseId) : [];
    if (open.length === 0) throw new AppError('CASE_TRANSITION_NOT_ALLOWED');
    assertTransition(found.status, 'in_review');

    const counts = await countPhotosPerRequest(
      tx,
      caseId,
      open.map((r) => r.id),
    );
    const missing = open.filter((r) => (counts.get(r.id) ?? 0) === 0);
    if (missing.length > 0) {
      throw new AppError('REQUESTED_PHOTOS_MISSING', {
        errors: missing.map((r) => ({
          path: `/requests/${r.id}`,
          message: 'needs at least one accepted photo',
          code: 'REQUESTED_PHOTOS_MISSING',
        })),
      });
    }

    const now = p.clock.now();
    for (const request of open) await markPhotoRequestFulfilled(tx, caseId, request.id, now);
    const assignee = await updateReturnedToReview(tx, caseId, now);
    if (!assignee) throw new AppError('CASE_TRANSITION_NOT_ALLOWED');
    // New information arrived: the rules run again (a sore's duration, for one, has grown while waiting).
    await retriageCase(tx, caseId, now);
    await recordStatusChange(tx, caller, {
      caseId,
      row: { status: found.status, patient_record_id: found.patientRecordId },
      to: 'in_review',
      now,
      action: 'photo_requests.send',
    });
    await enqueue(tx, now, { topic: RETURNED_EMAIL_TOPIC, payload: { caseId } });
    await enqueuePush(tx, now, assignee, 'photos_returned');

    const receipt: SentPhotosReceipt = {
      caseId,
      status: 'in_review',
      sentAt: now.toISOString(),
      requestCount: open.length,
    };
    const body = JSON.stringify(receipt);
    await completeIdempotencyKey(tx, { userId: caller.userId, key: idempotencyKey, status: 200, body, now });
    return { status: 200 as const, body };
  });
}
