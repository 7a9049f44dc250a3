import {
  type CaseReceipt,
  type CaseStatus,
  CURRENT_CONSENT_VERSION,
  canTransition,
  expectedResponseDate,
} from '@dermis/core';
import type { QuestionnaireResponse } from 'fhir/r4.js';
import type { Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueue } from '../../platform/outbox.ts';
import { enqueuePush } from '../notifications/index.ts';
import { findBodySitesWithoutPhoto } from '../photos/index.ts';
import { retriageCase } from '../review/index.ts';
import type { CaseCaller } from './case-caller.ts';
import { intakeErrors, validateCaseIntake } from './case-drafts.service.ts';
import { completeIdempotencyKey } from './idempotency.ts';
import { findCaseForSubmitter, findConsent, insertCaseEvent, listBodySites, updateStatus } from './store.ts';

export const CASE_RECEIVED_TOPIC = 'email.case_received';

/**
 * Sends a draft to the dermatology queue. One transaction: the status change, the timeline event, the audit
 * row, the "received" email job and the stored idempotent answer commit together or not at all.
 * Returns the receipt as the exact JSON text sent (and replayed for a repeated Idempotency-Key).
 */
export async function submitCase(
  p: Platform,
  caller: CaseCaller,
  caseId: string,
  input: { intakeVersion: number; idempotencyKey: string },
): Promise<{ status: 201; body: string }> {
  return p.db.transaction(async (tx) => {
    const row = await findCaseForSubmitter(tx, caller, caseId, true);
    if (!row) throw new AppError('NOT_FOUND');
    if (!canTransition(row.status, 'submitted')) throw new AppError('CASE_TRANSITION_NOT_ALLOWED');
    // The patient submits what they reviewed: answers changed since (another tab) must be reviewed again.
    if (row.intake_version !== input.intakeVersion) throw new AppError('INTAKE_VERSION_CONFLICT');

    // A referring clinician's attestation for this case (Advice & Guidance), or the patient's own consent.
    const consent = await findConsent(tx, {
      patientRecordId: row.patient_record_id,
      acceptedBy: caller.userId,
      version: CURRENT_CONSENT_VERSION,
      attestedForCaseId: caller.role === 'referring_clinician' ? caseId : null,
    });
    if (!consent) throw new AppError('CONSENT_REQUIRED');

    const now = p.clock.now();
    const response = row.intake_response as QuestionnaireResponse | null;
    const errors = response
      ? validateCaseIntake(row, response, now, false)
      : [{ code: 'ANSWER_REQUIRED' as const, linkId: 'concern' }];
    if (errors.length > 0) throw new AppError('INTAKE_INVALID', { errors: intakeErrors(errors) });

    const sites = await listBodySites(tx, caseId);
    if (sites.length === 0) throw new AppError('BODY_SITE_REQUIRED');

    // PHOTO CHECK POINT (issue 4 "Guided photos"): every body site needs at least one photo the server accepted.
    // The case row is locked above, and a photo commits under the same lock, so none can slip in between.
    const withoutPhoto = await findBodySitesWithoutPhoto(
      tx,
      caseId,
      sites.map((s) => s.id),
    );
    if (withoutPhoto.length > 0) {
      throw new AppError('PHOTOS_REQUIRED', {
        errors: withoutPhoto.map((id) => ({
          path: `/bodySites/${id}`,
          message: 'needs at least one accepted photo',
          code: 'PHOTOS_REQUIRED',
        })),
      });
    }

    const days = p.config.cases.responseBusinessDays;
    const expectedResponseBy = expectedResponseDate(now, days);
    const changed = await updateStatus(tx, caseId, {
      from: row.status,
      to: 'submitted',
      now,
      consentId: consent.id,
      intakeResponse: { ...response, status: 'completed', authored: now.toISOString() },
      expectedResponseBy,
    });
    if (!changed) throw new AppError('CASE_TRANSITION_NOT_ALLOWED');
    await retriageCase(tx, caseId, now);
    await recordStatusChange(tx, caller, { caseId, row, to: 'submitted', now, action: 'case.submit' });
    await enqueue(tx, now, { topic: CASE_RECEIVED_TOPIC, payload: { caseId } });
    await enqueuePush(tx, now, row.submitted_by, 'case_received');

    const receipt: CaseReceipt = {
      caseId,
      caseNumber: row.case_number,
      status: 'submitted',
      submittedAt: now.toISOString(),
      expectedResponseBusinessDays: days,
      expectedResponseBy,
    };
    const body = JSON.stringify(receipt);
    await completeIdempotencyKey(tx, { userId: caller.userId, key: input.idempotencyKey, status: 201, body, now });
    return { status: 201 as const, body };
  });
}

/** Every status change is a timeline event and an audit row, written in the change's transaction. */
export async function recordStatusChange(
  tx: Sql,
  caller: CaseCaller,
  change: {
    caseId: string;
    row: { status: CaseStatus; patient_record_id: string };
    to: CaseStatus;
    now: Date;
    action: string;
  },
) {
  const { caseId, row, to, now, action } = change;
  await insertCaseEvent(tx, {
    caseId,
    at: now,
    actorUserId: caller.userId,
    actorRole: caller.role,
    type: 'status.changed',
    data: { from: row.status, to },
  });
  await caller.audit(tx, { action, objectType: 'case', objectId: caseId, patientId: row.patient_record_id });
}

/** The patient withdraws a draft, or a submitted case nobody has started to review. */
export async function withdrawCase(p: Platform, caller: CaseCaller, caseId: string) {
  return p.db.transaction(async (tx) => {
    const row = await findCaseForSubmitter(tx, caller, caseId, true);
    if (!row) throw new AppError('NOT_FOUND');
    if (!canTransition(row.status, 'withdrawn')) throw new AppError('CASE_TRANSITION_NOT_ALLOWED');
    const now = p.clock.now();
    if (!(await updateStatus(tx, caseId, { from: row.status, to: 'withdrawn', now }))) {
      throw new AppError('CASE_TRANSITION_NOT_ALLOWED');
    }
    await recordStatusChange(tx, caller, { caseId, row, to: 'withdrawn', now, action: 'case.withdraw' });
    return { id: caseId, status: 'withdrawn' as const, updatedAt: now.toISOString() };
  });
}
