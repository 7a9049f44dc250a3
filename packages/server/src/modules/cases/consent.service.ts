import {
  type ConsentLocale,
  type ConsentReceipt,
  type CurrentConsent,
  currentConsent,
  EMERGENCY_ADVICE,
  isCurrentConsentVersion,
} from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseCaller } from './case-caller.ts';
import { findPatientRecordIdForUser, insertConsent } from './store.ts';

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

/** A patient accepts the consent text they were shown; only the current version can be accepted. */
export async function acceptConsent(p: Platform, caller: CaseCaller, version: string): Promise<ConsentReceipt> {
  if (!isCurrentConsentVersion(version)) throw new AppError('CONSENT_VERSION_OUTDATED');
  return p.db.transaction(async (tx) => {
    const patientRecordId = await findPatientRecordIdForUser(tx, caller.userId);
    if (!patientRecordId) throw new AppError('NOT_FOUND');
    const consent = await insertConsent(tx, {
      patientRecordId,
      acceptedBy: caller.userId,
      kind: 'patient',
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
