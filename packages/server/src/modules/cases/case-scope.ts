import type { CaseStatus, Role } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';
import { findCaseClaimedBySpecialist } from '../escalations/index.ts';
import { findAssignedCase } from '../review/index.ts';
import { type CaseRow, findCaseForPatient, findCaseForSubmitter, listBodySites } from './store.ts';

/** What another module (photos) may know of a case it was given access to. */
export interface CaseInScope {
  id: string;
  status: CaseStatus;
  patientRecordId: string;
  bodySiteIds: string[];
}

/**
 * The case if `user` may see it, else null (answered as 404 by the caller). Patients see their own cases (the
 * scope travels in the query, see store.ts); referring clinicians the cases they opened; a dermatologist only the case they claimed (review module).
 * `lock` takes the case row lock in the caller's transaction (serialises photo slots against submission).
 */
export async function findCaseInScope(
  db: Sql,
  user: { userId: string; role: Role },
  caseId: string,
  options: { lock?: boolean } = {},
): Promise<CaseInScope | null> {
  // Referring clinicians (Advice & Guidance): the cases they opened for patients (REFERRER_SCOPE in store.ts).
  if (user.role === 'referring_clinician') {
    const referred = await findCaseForSubmitter(db, user, caseId, options.lock ?? false);
    return referred ? toCaseInScope(db, referred) : null;
  }
  // Dermatologists: only the one who claimed the case (review module); everyone else gets 404.
  if (user.role === 'dermatologist') {
    const assigned = await findAssignedCase(db, user.userId, caseId, options.lock ?? false);
    return assigned ? toCaseInScope(db, { ...assigned, id: caseId }) : null;
  }
  // Specialists: only while they hold a claimed, unanswered escalation of the case (escalations module). After
  // signing they read the case as it was through their escalation only, never the live case.
  if (user.role === 'specialist') {
    const claimed = await findCaseClaimedBySpecialist(db, user.userId, caseId, options.lock ?? false);
    return claimed ? toCaseInScope(db, claimed) : null;
  }
  if (user.role !== 'patient') return null;
  const row = await findCaseForPatient(db, user.userId, caseId, options.lock ?? false);
  return row ? toCaseInScope(db, row) : null;
}

async function toCaseInScope(db: Sql, row: Pick<CaseRow, 'id' | 'status' | 'patient_record_id'>): Promise<CaseInScope> {
  const sites = await listBodySites(db, row.id);
  return {
    id: row.id,
    status: row.status,
    patientRecordId: row.patient_record_id,
    bodySiteIds: sites.map((s) => s.id),
  };
}
