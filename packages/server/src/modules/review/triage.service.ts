import { ageGroupAt, type TriageResult, triageCase } from '@dermis/core';
import type { QuestionnaireResponse } from 'fhir/r4.js';
import type { Sql } from '../../platform/db.ts';
import { findTriageInput, updateTriage } from './store.ts';

/**
 * Recomputes a submitted case's priority, fired rules and age group from its stored intake, in the caller's
 * transaction. Called on submission and whenever new information arrives (re-submitted photos, answers).
 * The age group is taken at submission time, so it never drifts while a case waits.
 */
export async function retriageCase(tx: Sql, caseId: string, now: Date): Promise<TriageResult | null> {
  const input = await findTriageInput(tx, caseId);
  if (!input?.intake_response || !input.submitted_at) return null;
  const result = triageCase(input.intake_response as QuestionnaireResponse, { at: now });
  await updateTriage(tx, caseId, {
    ...result,
    ageGroup: ageGroupAt(input.birth_date, input.submitted_at),
    now,
  });
  return result;
}
