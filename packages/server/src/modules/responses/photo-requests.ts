import type { RequestedPhoto } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';
import { toRequestedPhoto } from './response-view.ts';
import { listOpenImageRequests, markImageRequestFulfilled } from './store.ts';

// For the guided re-submission (issue 5 "More images"): which photos the dermatologist is still waiting for,
// and marking one as sent. The caller has checked the case scope and writes the audit row.

export async function findOpenPhotoRequests(db: Sql, caseId: string): Promise<RequestedPhoto[]> {
  return (await listOpenImageRequests(db, caseId)).map(toRequestedPhoto);
}

export { markImageRequestFulfilled as markPhotoRequestFulfilled };
