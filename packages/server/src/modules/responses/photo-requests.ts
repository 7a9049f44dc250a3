import type { RequestedPhoto } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';
import { toRequestedPhoto } from './response-view.ts';
import { findOpenImageRequestRound, listOpenImageRequests, markImageRequestFulfilled } from './store.ts';

// For the guided re-submission (issue 5 "More images"): which photos the dermatologist is still waiting for,
// and marking one as sent. The caller has checked the case scope and writes the audit row.

export async function findOpenPhotoRequests(db: Sql, caseId: string): Promise<RequestedPhoto[]> {
  return (await listOpenImageRequests(db, caseId)).map(toRequestedPhoto);
}

/** The response whose photo requests are still open, and when it was signed (the wait starts there). */
export async function findOpenPhotoRequestRound(
  db: Sql,
  caseId: string,
): Promise<{ responseId: string; requestedAt: Date } | null> {
  const row = await findOpenImageRequestRound(db, caseId);
  return row ? { responseId: row.response_id, requestedAt: row.signed_at } : null;
}

export { markImageRequestFulfilled as markPhotoRequestFulfilled };
