import {
  type ConsentLocale,
  type ConsentReceipt,
  type CurrentConsent,
  currentConsent,
  EMERGENCY_ADVICE,
  isCurrentConsentVersion,
  isEditable,
} from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseCaller } from './case-caller.ts';
import { recordAttestation } from './referred-case.service.ts';
import { findCaseForSubmitter, findPatientRecordIdForUser, insertConsent } from './store.ts';

export function readCurrentConsent(locale: ConsentLocale): CurrentConsent {
  const consent = currentConsent();
  const text = consent.texts[locale];
  return {
    version: consent.version,
    effectiveFrom: consent.effectiveFrom,
    locale,
    title: text.title,
    sections: text.sections,
    agreement: text.agreement,
    emergencyAdvice: EMERGENCY_ADVICE[locale],
  };
}

/**
 * A patient accepts the consent text they were shown; only the current version can be accepted. A referring
 * clinician instead attests that the patient consented, for one of their draft cases (`caseId`).
 */
export async function acceptConsent(
  p: Platform,
  caller: CaseCaller,
  input: { version: string; caseId?: string | undefined },
): Promise<ConsentReceipt> {
  const { version, caseId } = input;
  if (!isCurrentConsentVersion(version)) throw new AppError('CONSENT_VERSION_OUTDATED');
  if (caller.role === 'referring_clinician') {
    // Without a case, or with a case outside their scope, there is nothing they may attest for.
    if (!caseId) throw new AppError('NOT_FOUND');
    return p.db.transaction(async (tx) => {
      const row = await findCaseForSubmitter(tx, caller, caseId, true);
      if (!row) throw new AppError('NOT_FOUND');
      if (!isEditable(row.status)) throw new AppError('CASE_NOT_EDITABLE');
      const consent = await recordAttestation(tx, caller, {
        caseId,
        patientRecordId: row.patient_record_id,
        version,
        now: p.clock.now(),
      });
      return { id: consent.id, version, acceptedAt: consent.accepted_at.toISOString() };
    });
  }
  // A patient's consent covers their own record; a case id is not theirs to name here.
  if (caseId) throw new AppError('NOT_FOUND');
  return p.db.transaction(async (tx) => {
    const patientRecordId = await findPatientRecordIdForUser(tx, caller.userId);
    if (!patientRecordId) throw new AppError('NOT_FOUND');
    const consent = await insertConsent(tx, {
      patientRecordId,
      acceptedBy: caller.userId,
      kind: { type: 'patient' },
      version,
      now: p.clock.now(),
      ip: caller.ip,
      userAgent: caller.userAgent,
    });
    await caller.audit(tx, {
      action: 'consent.accept',
      objectType: 'consent',
      objectId: consent.id,
      patientId: patientRecordId,
    });
    return { id: consent.id, version, acceptedAt: consent.accepted_at.toISOString() };
  });
}
