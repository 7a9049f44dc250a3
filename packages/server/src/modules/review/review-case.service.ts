import type { ReviewCase } from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseCaller } from '../cases/index.ts';
import { findAssignedCase, listCaseBodySiteLabels } from './store.ts';

/** The full case for the dermatologist who claimed it; anyone else gets 404 (the scope is in the query). */
export async function readReviewCase(p: Platform, caller: CaseCaller, caseId: string): Promise<ReviewCase> {
  return p.db.transaction(async (tx) => {
    const row = await findAssignedCase(tx, caller.userId, caseId);
    if (!row) throw new AppError('NOT_FOUND');
    const bodySites = await listCaseBodySiteLabels(tx, caseId);
    await caller.audit(tx, {
      action: 'review.case.read',
      objectType: 'case',
      objectId: caseId,
      patientId: row.patient_record_id,
    });
    const now = p.clock.now();
    const until = row.first_response_at ?? now;
    return {
      id: row.id,
      caseNumber: row.case_number,
      concern: row.concern,
      status: row.status,
      priority: row.triage_priority,
      reasons: row.triage_rules,
      ageGroup: row.age_group,
      submittedAt: row.submitted_at.toISOString(),
      claimedAt: row.claimed_at.toISOString(),
      waitingSeconds: Math.max(0, Math.floor((until.getTime() - row.submitted_at.getTime()) / 1000)),
      patient: { givenName: row.given_name, familyName: row.family_name, birthDate: row.birth_date },
      intake: row.intake_response,
      bodySites,
    };
  });
}
