import type { CaseResponses, SignedResponse } from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseCaller } from '../cases/index.ts';
import { notifySubmitter } from './emails.ts';
import { caseInScope } from './response-scope.ts';
import { toSignedResponse } from './response-view.ts';
import { findCaseFacts, insertAmendment, listAmendments, listImageRequests, listSignedResponses } from './store.ts';

/** Every signed response of a case, oldest first, with its photo requests and amendments. */
export async function listResponses(tx: Sql, caseId: string): Promise<SignedResponse[]> {
  // sequential: `tx` may be a transaction's single connection
  const signed = await listSignedResponses(tx, caseId);
  const requests = await listImageRequests(tx, caseId);
  const amendments = await listAmendments(tx, caseId);
  return signed.map((row) => toSignedResponse(row, requests, amendments));
}

/** A correction to the latest signed response: a new row; the signed text stays exactly as it was. */
export async function amendResponse(
  p: Platform,
  caller: CaseCaller,
  caseId: string,
  input: { reason: string; text: string },
): Promise<SignedResponse> {
  return p.db.transaction(async (tx) => {
    const found = await caseInScope(tx, caller, caseId, true);
    const latest = (await listSignedResponses(tx, caseId)).at(-1);
    if (!latest) throw new AppError('RESPONSE_NOT_SIGNED');
    const facts = await findCaseFacts(tx, caseId);
    if (!facts) throw new AppError('NOT_FOUND');
    const now = p.clock.now();
    await insertAmendment(tx, {
      responseId: latest.id,
      caseId,
      reason: input.reason.trim(),
      text: input.text.trim(),
      userId: caller.userId,
      now,
    });
    await caller.audit(tx, {
      action: 'response.amend',
      objectType: 'case',
      objectId: caseId,
      patientId: found.patientRecordId,
    });
    await notifySubmitter(tx, now, { caseId, submittedBy: facts.submitted_by, kind: 'response_amended' });
    return (await listResponses(tx, caseId)).find((r) => r.id === latest.id)!;
  });
}

/** What the patient (or GP) and the assigned dermatologist read: nothing until the first signature. */
export async function readCaseResponses(p: Platform, caller: CaseCaller, caseId: string): Promise<CaseResponses> {
  return p.db.transaction(async (tx) => {
    const found = await caseInScope(tx, caller, caseId);
    const responses = await listResponses(tx, caseId);
    await caller.audit(tx, {
      action: 'response.read',
      objectType: 'case',
      objectId: caseId,
      patientId: found.patientRecordId,
    });
    return { caseId, status: found.status, responses };
  });
}
