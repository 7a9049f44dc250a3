import type { CaseStatus } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type CaseCaller, type CaseInScope, findCaseInScope } from '../cases/index.ts';

/** Statuses in which the assigned dermatologist writes the response (a specialist's note may be awaited). */
const DRAFTING_STATUSES: readonly CaseStatus[] = ['in_review', 'waiting_for_specialist'];

export function isDrafting(status: CaseStatus): boolean {
  return DRAFTING_STATUSES.includes(status);
}

/**
 * The case if the caller may see it (the assigned dermatologist; the patient or GP who submitted it), else
 * 404. The scope is the cases module's, in its queries; `lock` takes the case row lock for a change.
 */
export async function caseInScope(tx: Sql, caller: CaseCaller, caseId: string, lock = false): Promise<CaseInScope> {
  const found = await findCaseInScope(tx, { userId: caller.userId, role: caller.role }, caseId, { lock });
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}
