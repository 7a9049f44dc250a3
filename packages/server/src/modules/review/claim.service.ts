import { type CaseStatus, type ClaimState, canTransition } from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type CaseCaller, recordStatusChange } from '../cases/index.ts';
import {
  type AssignmentRow,
  isActiveDermatologist,
  lockQueuedCase,
  markFirstResponse,
  updateAssignment,
} from './store.ts';

function toClaimState(row: AssignmentRow): ClaimState {
  return {
    id: row.id,
    caseNumber: row.case_number,
    status: row.status,
    assignedTo: row.assigned_to,
    claimedAt: row.claimed_at?.toISOString() ?? null,
  };
}

/**
 * Gives the case to `to` (null: back to the queue). A status change goes through the cases module's one
 * recorder (timeline event + audit row); a change of owner without one is audited here.
 */
async function changeOwner(
  tx: Sql,
  caller: CaseCaller,
  row: AssignmentRow,
  change: { to: string | null; action: string; now: Date },
): Promise<ClaimState> {
  const status: CaseStatus = change.to === null ? 'submitted' : 'in_review';
  if (status !== row.status && !canTransition(row.status, status)) throw new AppError('CASE_TRANSITION_NOT_ALLOWED');
  const updated = await updateAssignment(tx, row.id, { to: change.to, status, now: change.now });
  if (status !== row.status) {
    await recordStatusChange(tx, caller, { caseId: row.id, row, to: status, now: change.now, action: change.action });
  } else {
    await caller.audit(tx, {
      action: change.action,
      objectType: 'case',
      objectId: row.id,
      patientId: row.patient_record_id,
    });
  }
  return toClaimState(updated);
}

/**
 * A dermatologist takes a queued case: one owner at a time. The row lock serialises concurrent claims; the
 * second one finds the case taken and gets 409 CASE_ALREADY_CLAIMED. Claiming one's own case again is a no-op.
 */
export async function claimCase(p: Platform, caller: CaseCaller, caseId: string): Promise<ClaimState> {
  return p.db.transaction(async (tx) => {
    const row = await lockQueuedCase(tx, caseId);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.assigned_to === caller.userId) return toClaimState(row);
    if (row.assigned_to !== null) throw new AppError('CASE_ALREADY_CLAIMED');
    return changeOwner(tx, caller, row, { to: caller.userId, action: 'review.claim', now: p.clock.now() });
  });
}

/** The owner puts the case back in the queue, where it keeps its place (priority and submission time). */
export async function releaseCase(p: Platform, caller: CaseCaller, caseId: string): Promise<ClaimState> {
  return p.db.transaction(async (tx) => {
    const row = await lockQueuedCase(tx, caseId);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.assigned_to !== caller.userId) throw new AppError('CASE_NOT_CLAIMED');
    return changeOwner(tx, caller, row, { to: null, action: 'review.release', now: p.clock.now() });
  });
}

/** An admin gives a queued case (claimed or not) to an active dermatologist. */
export async function reassignCase(
  p: Platform,
  caller: CaseCaller,
  caseId: string,
  dermatologistId: string,
): Promise<ClaimState> {
  return p.db.transaction(async (tx) => {
    const row = await lockQueuedCase(tx, caseId);
    if (!row) throw new AppError('NOT_FOUND');
    if (!(await isActiveDermatologist(tx, dermatologistId))) throw new AppError('REASSIGN_TARGET_INVALID');
    return changeOwner(tx, caller, row, { to: dermatologistId, action: 'review.reassign', now: p.clock.now() });
  });
}

/**
 * Time to first response: the response and more-images use cases call this in their transaction when the
 * patient (or GP) gets the first answer; later answers leave the time as it was.
 */
export async function recordFirstResponse(tx: Sql, caseId: string, at: Date): Promise<void> {
  await markFirstResponse(tx, caseId, at);
}
