import { canTransition, canWithdrawEscalation, type EscalateBody, type Escalation } from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueue } from '../../platform/outbox.ts';
import { type CaseCaller, recordStatusChange, updateCaseStatus } from '../cases/index.ts';
import { enqueuePush } from '../notifications/index.ts';
import { findAssignedCase } from '../review/index.ts';
import { findSpecialistType, isAvailableSpecialist, listAvailableSpecialists } from './directory.service.ts';
import { ESCALATION_RECEIVED_TOPIC } from './emails.ts';
import { toEscalations } from './escalation-view.ts';
import {
  findPendingEscalation,
  insertEscalation,
  listCaseEscalations,
  lockEscalationOfAssignee,
  updateEscalation,
} from './store.ts';

/**
 * The assigned dermatologist escalates (issue 6): to a type, or a named available specialist of that type, with a
 * clinical question and a routing note. The case waits for the specialist and stays the dermatologist's. One
 * pending escalation per case (409 ESCALATION_ALREADY_OPEN); the specialists to answer are told (no PHI).
 */
export async function escalateCase(
  p: Platform,
  caller: CaseCaller,
  caseId: string,
  input: EscalateBody,
): Promise<Escalation> {
  return p.db.transaction(async (tx) => {
    const row = await findAssignedCase(tx, caller.userId, caseId, true);
    if (!row) throw new AppError('NOT_FOUND');
    if (await findPendingEscalation(tx, caseId)) throw new AppError('ESCALATION_ALREADY_OPEN');
    if (!canTransition(row.status, 'waiting_for_specialist')) throw new AppError('CASE_TRANSITION_NOT_ALLOWED');
    if (!(await findSpecialistType(tx, input.specialistType))) throw new AppError('SPECIALIST_TYPE_UNKNOWN');
    const specialistId = input.specialistId ?? null;
    if (specialistId && !(await isAvailableSpecialist(tx, specialistId, input.specialistType))) {
      throw new AppError('SPECIALIST_UNAVAILABLE');
    }
    const now = p.clock.now();
    const escalation = await insertEscalation(tx, {
      caseId,
      specialistType: input.specialistType,
      specialistId,
      question: input.question.trim(),
      routingNote: input.routingNote?.trim() || null,
      escalatedBy: caller.userId,
      now,
    });
    const from = row.status;
    if (!(await updateCaseStatus(tx, caseId, { from, to: 'waiting_for_specialist', now }))) {
      throw new AppError('CASE_TRANSITION_NOT_ALLOWED');
    }
    await recordStatusChange(tx, caller, {
      caseId,
      row: { status: from, patient_record_id: row.patient_record_id },
      to: 'waiting_for_specialist',
      now,
      action: 'escalation.create',
    });
    const recipients = specialistId ? [specialistId] : await listAvailableSpecialists(tx, input.specialistType);
    await enqueue(tx, now, { topic: ESCALATION_RECEIVED_TOPIC, payload: { escalationId: escalation.id } });
    for (const userId of recipients) await enqueuePush(tx, now, userId, 'escalation_received');
    return (await toEscalations(tx, [escalation]))[0]!;
  });
}

/** The dermatologist takes a pending escalation back (before it is answered); the case returns to review. */
export async function withdrawEscalation(p: Platform, caller: CaseCaller, escalationId: string): Promise<Escalation> {
  return p.db.transaction(async (tx) => {
    const escalation = await lockEscalationOfAssignee(tx, caller.userId, escalationId);
    if (!escalation) throw new AppError('NOT_FOUND');
    const row = await findAssignedCase(tx, caller.userId, escalation.case_id, true);
    if (!row) throw new AppError('NOT_FOUND');
    if (!canWithdrawEscalation(escalation.status)) throw new AppError('ESCALATION_NOT_PENDING');
    const now = p.clock.now();
    const updated = await updateEscalation(tx, escalationId, { status: 'withdrawn', withdrawnAt: now });
    if (!(await updateCaseStatus(tx, row.id, { from: 'waiting_for_specialist', to: 'in_review', now }))) {
      throw new AppError('CASE_TRANSITION_NOT_ALLOWED');
    }
    await recordStatusChange(tx, caller, {
      caseId: row.id,
      row: { status: row.status, patient_record_id: row.patient_record_id },
      to: 'in_review',
      now,
      action: 'escalation.withdraw',
    });
    return (await toEscalations(tx, [updated]))[0]!;
  });
}

/** The escalations of a case for its dermatologist: the timeline's governance facts and the signed notes. */
export async function readCaseEscalations(p: Platform, caller: CaseCaller, caseId: string): Promise<Escalation[]> {
  return p.db.transaction(async (tx) => {
    const row = await findAssignedCase(tx, caller.userId, caseId);
    if (!row) throw new AppError('NOT_FOUND');
    const escalations = await toEscalations(tx, await listCaseEscalations(tx, caseId));
    await caller.audit(tx, {
      action: 'escalation.list',
      objectType: 'case',
      objectId: caseId,
      patientId: row.patient_record_id,
    });
    return escalations;
  });
}
