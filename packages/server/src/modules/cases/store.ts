import type { CaseStatus, Concern, Role } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';

/**
 * All SQL of the cases module. Every query that reads or changes a case for a user carries the user's scope
 * in its WHERE clause: a case outside it is simply not found (404), never fetched and then checked.
 */
export interface CaseRow {
  id: string;
  case_number: string;
  patient_record_id: string;
  submitted_by: string;
  concern: Concern;
  status: CaseStatus;
  questionnaire_url: string;
  questionnaire_version: string;
  intake_response: unknown;
  intake_version: number;
  consent_id: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  /** YYYY-MM-DD (dates are read as text). */
  expected_response_by: string | null;
}

const CASE_COLUMNS = `c.id, c.case_number, c.patient_record_id, c.submitted_by, c.concern, c.status, c.questionnaire_url,
  c.questionnaire_version, c.intake_response, c.intake_version, c.consent_id, c.created_at, c.updated_at, c.submitted_at, c.expected_response_by`;

/**
 * A patient's scope: cases of their own patient record; drafts only when they wrote them (a GP's draft for
 * them is the GP's until it is sent).
 */
const PATIENT_SCOPE = `JOIN patient_records pr ON pr.id = c.patient_record_id
  WHERE pr.user_id = $1 AND (c.status <> 'draft' OR c.submitted_by = $1)`;

/**
 * A referring clinician's scope: the cases they opened for patients, drafts included, and nobody else's
 * (another GP's, or a patient's own). The patient record is joined for the name and date of birth they entered.
 */
const REFERRER_SCOPE = `JOIN patient_records pr ON pr.id = c.patient_record_id WHERE c.submitted_by = $1`;

/** The roles that open and send cases, each with its scope; any other role finds no case here. */
const SUBMITTER_SCOPES: Partial<Record<Role, string>> = { patient: PATIENT_SCOPE, referring_clinician: REFERRER_SCOPE };

/** The patient as stored with the case (joined from patient_records in both scopes). */
export interface CasePatientColumns {
  given_name: string;
  family_name: string;
  /** YYYY-MM-DD */
  birth_date: string;
  identifier_system: string | null;
  identifier_value: string | null;
}
export type ScopedCaseRow = CaseRow & CasePatientColumns;
const PATIENT_COLUMNS = 'pr.given_name, pr.family_name, pr.birth_date, pr.identifier_system, pr.identifier_value';

/** The case if it is in the submitter's scope (patient or referring clinician), else null. */
export async function findCaseForSubmitter(
  db: Sql,
  user: { userId: string; role: Role },
  caseId: string,
  lock = false,
): Promise<ScopedCaseRow | null> {
  const scope = SUBMITTER_SCOPES[user.role];
  if (!scope) return null;
  const { rows } = await db.query<ScopedCaseRow>(
    `SELECT ${CASE_COLUMNS}, ${PATIENT_COLUMNS} FROM cases c ${scope} AND c.id = $2 ${lock ? 'FOR UPDATE OF c' : ''}`,
    [user.userId, caseId],
  );
  return rows[0] ?? null;
}

export async function listCasesForSubmitter(
  db: Sql,
  user: { userId: string; role: Role },
  limit: number,
): Promise<ScopedCaseRow[]> {
  const scope = SUBMITTER_SCOPES[user.role];
  if (!scope) return [];
  const { rows } = await db.query<ScopedCaseRow>(
    `SELECT ${CASE_COLUMNS}, ${PATIENT_COLUMNS} FROM cases c ${scope}
     ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
    [user.userId, limit],
  );
  return rows;
}

export async function findPatientRecordIdForUser(db: Sql, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM patient_records WHERE user_id = $1', [userId]);
  return rows[0]?.id ?? null;
}

export async function nextCaseSequence(db: Sql): Promise<number> {
  const { rows } = await db.query<{ n: number }>("SELECT nextval('case_number_seq') AS n");
  return Number(rows[0]!.n);
}

export async function insertCase(
  db: Sql,
  c: {
    caseNumber: string;
    patientRecordId: string;
    submittedBy: string;
    concern: Concern;
    questionnaireUrl: string;
    questionnaireVersion: string;
    now: Date;
  },
): Promise<CaseRow> {
  const { rows } = await db.query<CaseRow>(
    `INSERT INTO cases AS c (case_number, patient_record_id, submitted_by, concern, status, questionnaire_url,
       questionnaire_version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $7)
     RETURNING ${CASE_COLUMNS}`,
    [c.caseNumber, c.patientRecordId, c.submittedBy, c.concern, c.questionnaireUrl, c.questionnaireVersion, c.now],
  );
  return rows[0]!;
}

/** The patient's own case, or null; `lock` takes a row lock for a change in the caller's transaction. */
export function findCaseForPatient(db: Sql, userId: string, caseId: string, lock = false): Promise<CaseRow | null> {
  return findCaseForSubmitter(db, { userId, role: 'patient' }, caseId, lock);
}

export async function updateIntake(
  db: Sql,
  caseId: string,
  change: { response: unknown; expectedVersion: number; concern: Concern; now: Date },
): Promise<number | null> {
  const { rows } = await db.query<{ intake_version: number }>(
    `UPDATE cases SET intake_response = $2, intake_version = intake_version + 1, concern = $4, updated_at = $5
     WHERE id = $1 AND intake_version = $3 AND status = 'draft'
     RETURNING intake_version`,
    [caseId, JSON.stringify(change.response), change.expectedVersion, change.concern, change.now],
  );
  return rows[0]?.intake_version ?? null;
}

export async function updateStatus(
  db: Sql,
  caseId: string,
  change: {
    from: CaseStatus;
    to: CaseStatus;
    now: Date;
    consentId?: string;
    intakeResponse?: unknown;
    expectedResponseBy?: string;
  },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE cases SET status = $3, updated_at = $4,
       submitted_at = CASE WHEN $3 = 'submitted' AND submitted_at IS NULL THEN $4 ELSE submitted_at END,
       consent_id = COALESCE($5, consent_id),
       intake_response = COALESCE($6::jsonb, intake_response),
       expected_response_by = COALESCE($7::date, expected_response_by)
     WHERE id = $1 AND status = $2`,
    [
      caseId,
      change.from,
      change.to,
      change.now,
      change.consentId ?? null,
      change.intakeResponse === undefined ? null : JSON.stringify(change.intakeResponse),
      change.expectedResponseBy ?? null,
    ],
  );
  return rowCount === 1;
}

export async function touchCase(db: Sql, caseId: string, now: Date): Promise<void> {
  await db.query('UPDATE cases SET updated_at = $2 WHERE id = $1', [caseId, now]);
}

// ---- Body sites ----

export interface BodySiteRow {
  id: string;
  case_id: string;
  position: number;
  site_system: string;
  site_code: string;
  laterality: 'left' | 'right' | 'bilateral' | null;
  label: string;
}

export async function listBodySites(db: Sql, caseId: string): Promise<BodySiteRow[]> {
  const { rows } = await db.query<BodySiteRow>(
    `SELECT id, case_id, position, site_system, site_code, laterality, label FROM case_body_sites
     WHERE case_id = $1 ORDER BY position, id`,
    [caseId],
  );
  return rows;
}

/**
 * Makes the case's body sites exactly `sites`, in order. A site already on the case keeps its row (and id,
 * which photos will reference); sites no longer listed are removed.
 */
export async function replaceBodySites(
  db: Sql,
  caseId: string,
  sites: { system: string; code: string; laterality: string | null; label: string }[],
  now: Date,
): Promise<void> {
  const keys = sites.map((s) => `${s.code}|${s.laterality ?? ''}`);
  await db.query(
    `DELETE FROM case_body_sites WHERE case_id = $1 AND NOT (site_code || '|' || COALESCE(laterality, '') = ANY($2::text[]))`,
    [caseId, keys],
  );
  for (const [position, site] of sites.entries()) {
    await db.query(
      `INSERT INTO case_body_sites (case_id, position, site_system, site_code, laterality, label, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (case_id, site_code, COALESCE(laterality, '')) DO UPDATE SET position = EXCLUDED.position`,
      [caseId, position, site.system, site.code, site.laterality, site.label, now],
    );
  }
}

/**
 * The case's body site for `site`, added after the others if the case does not have it yet (a dermatologist
 * may ask for a photo of a site the patient did not list). Returns its id.
 */
export async function ensureBodySite(
  db: Sql,
  caseId: string,
  site: { system: string; code: string; laterality: string | null; label: string },
  now: Date,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO case_body_sites (case_id, position, site_system, site_code, laterality, label, created_at)
     VALUES ($1, (SELECT COALESCE(max(position) + 1, 0) FROM case_body_sites WHERE case_id = $1), $2, $3, $4, $5, $6)
     ON CONFLICT (case_id, site_code, COALESCE(laterality, '')) DO UPDATE SET position = case_body_sites.position
     RETURNING id`,
    [caseId, site.system, site.code, site.laterality, site.label, now],
  );
  return rows[0]!.id;
}

export async function countBodySites(db: Sql, caseId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_body_sites WHERE case_id = $1', [
    caseId,
  ]);
  return Number(rows[0]?.n ?? 0);
}

// ---- Timeline ----

export interface CaseEventRow {
  at: Date;
  type: string;
  actor_role: string | null;
  data: { from?: CaseStatus; to?: CaseStatus };
}

/** `data` carries status codes and ids only; never free text (it is shown on the timeline and exported). */
export async function insertCaseEvent(
  db: Sql,
  e: {
    caseId: string;
    at: Date;
    actorUserId: string | null;
    actorRole: string | null;
    type: string;
    data: { from?: CaseStatus; to?: CaseStatus };
  },
): Promise<void> {
  await db.query(
    'INSERT INTO case_events (case_id, at, actor_user_id, actor_role, type, data) VALUES ($1, $2, $3, $4, $5, $6)',
    [e.caseId, e.at, e.actorUserId, e.actorRole, e.type, JSON.stringify(e.data)],
  );
}

export async function listCaseEvents(db: Sql, caseId: string): Promise<CaseEventRow[]> {
  const { rows } = await db.query<CaseEventRow>(
    'SELECT at, type, actor_role, data FROM case_events WHERE case_id = $1 ORDER BY at, id',
    [caseId],
  );
  return rows;
}

// ---- Consents ----

export async function insertConsent(
  db: Sql,
  c: {
    patientRecordId: string;
    acceptedBy: string;
    /** A clinician's attestation names its case (migration 0007); a patient's own consent does not. */
    kind: { type: 'patient' } | { type: 'clinician_attestation'; caseId: string };
    version: string;
    now: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<{ id: string; accepted_at: Date }> {
  const caseId = c.kind.type === 'clinician_attestation' ? c.kind.caseId : null;
  const { rows } = await db.query<{ id: string; accepted_at: Date }>(
    `INSERT INTO consents (patient_record_id, accepted_by, kind, version, accepted_at, ip, user_agent, case_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, accepted_at`,
    [c.patientRecordId, c.acceptedBy, c.kind.type, c.version, c.now, c.ip, c.userAgent?.slice(0, 300) ?? null, caseId],
  );
  return rows[0]!;
}

/**
 * The consent a submission rests on: the latest acceptance of `version` by this user, for this patient record;
 * for a referring clinician, their attestation for this very case (`caseId`), never a patient's own consent.
 */
export async function findConsent(
  db: Sql,
  c: { patientRecordId: string; acceptedBy: string; version: string; attestedForCaseId: string | null },
): Promise<{ id: string } | null> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM consents WHERE patient_record_id = $1 AND accepted_by = $2 AND version = $3
       AND (CASE WHEN $4::uuid IS NULL THEN kind = 'patient' ELSE kind = 'clinician_attestation' AND case_id = $4 END)
     ORDER BY accepted_at DESC LIMIT 1`,
    [c.patientRecordId, c.acceptedBy, c.version, c.attestedForCaseId],
  );
  return rows[0] ?? null;
}
