import {
  type CaseSummary,
  type CreateCaseForPatientBody,
  checkPatientDetails,
  isCurrentConsentVersion,
  PATIENT_DETAILS_ERROR_CODES,
  type PatientDetails,
} from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseCaller } from './case-caller.ts';
import { intakeToday, openDraft } from './case-drafts.service.ts';
import { toCaseSummary, withPatientFor } from './case-view.ts';
import { findOrCreateReferredPatient } from './patient-records.ts';
import { insertConsent } from './store.ts';

/** The details as checked by core; field problems answer 400 PATIENT_DETAILS_INVALID (codes only, no values). */
export function checkedPatientDetails(input: PatientDetails, now: Date): PatientDetails {
  const { errors, details } = checkPatientDetails(input, { today: intakeToday(now) });
  if (!details) {
    throw new AppError('PATIENT_DETAILS_INVALID', {
      errors: errors.map((e) => ({
        path: `patient/${e.field}`,
        message: PATIENT_DETAILS_ERROR_CODES[e.code],
        code: e.code,
      })),
    });
  }
  return details;
}

/** Records a referring clinician's attestation that the patient consented to this case (migration 0007). */
export async function recordAttestation(
  tx: Sql,
  caller: CaseCaller,
  input: { caseId: string; patientRecordId: string; version: string; now: Date },
): Promise<{ id: string; accepted_at: Date }> {
  const consent = await insertConsent(tx, {
    patientRecordId: input.patientRecordId,
    acceptedBy: caller.userId,
    kind: { type: 'clinician_attestation', caseId: input.caseId },
    version: input.version,
    now: input.now,
    ip: caller.ip,
    userAgent: caller.userAgent,
  });
  await caller.audit(tx, {
    action: 'consent.attest',
    objectType: 'consent',
    objectId: consent.id,
    patientId: input.patientRecordId,
  });
  return consent;
}

/**
 * A referring clinician (GP, Advice & Guidance) opens a draft for a patient who may have no login: the patient
 * record (see patient-records.ts for when an earlier one is reused), the draft, and the consent attestation
 * when given, in one transaction. The rest (intake, body sites, photos, submit) uses the patients' routes.
 */
export async function createCaseForPatient(
  p: Platform,
  caller: CaseCaller,
  body: CreateCaseForPatientBody,
): Promise<CaseSummary> {
  const now = p.clock.now();
  const details = checkedPatientDetails(body.patient, now);
  if (body.attestation && !isCurrentConsentVersion(body.attestation.version)) {
    throw new AppError('CONSENT_VERSION_OUTDATED');
  }
  return p.db.transaction(async (tx) => {
    const patientRecordId = await findOrCreateReferredPatient(tx, { createdBy: caller.userId, details, now });
    const row = await openDraft(tx, caller, { patientRecordId, concern: body.concern, now });
    if (body.attestation) {
      await recordAttestation(tx, caller, { caseId: row.id, patientRecordId, version: body.attestation.version, now });
    }
    const patient = {
      given_name: details.givenName,
      family_name: details.familyName,
      birth_date: details.birthDate,
      identifier_system: details.identifier.system,
      identifier_value: details.identifier.value,
    };
    return withPatientFor(caller, patient, toCaseSummary(row));
  });
}
