import type { CaseStatus, Disposition, Medication, ResponseContent, SignableResponse } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';

// All SQL of the responses module: its own tables (migration 0011), plus the few case facts it needs.

export interface DraftRow {
  case_id: string;
  version: number;
  content: ResponseContent;
  uploaded_care_plan_id: string | null;
  saved_at: Date;
  signed_response_id: string | null;
}

const DRAFT_COLUMNS = 'case_id, version, content, uploaded_care_plan_id, saved_at, signed_response_id';

export async function findDraft(db: Sql, caseId: string, lock = false): Promise<DraftRow | null> {
  const { rows } = await db.query<DraftRow>(
    `SELECT ${DRAFT_COLUMNS} FROM response_drafts WHERE case_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [caseId],
  );
  return rows[0] ?? null;
}

/** Writes the next version (the caller checked the version it replaces under the row lock). */
export async function upsertDraft(
  db: Sql,
  draft: { caseId: string; version: number; content: ResponseContent; savedBy: string; now: Date },
): Promise<DraftRow> {
  const { rows } = await db.query<DraftRow>(
    `INSERT INTO response_drafts (case_id, version, content, saved_by, saved_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (case_id) DO UPDATE SET version = EXCLUDED.version, content = EXCLUDED.content,
       saved_by = EXCLUDED.saved_by, saved_at = EXCLUDED.saved_at, signed_response_id = NULL
     RETURNING ${DRAFT_COLUMNS}`,
    [draft.caseId, draft.version, JSON.stringify(draft.content), draft.savedBy, draft.now],
  );
  return rows[0]!;
}

export async function markDraftSigned(db: Sql, caseId: string, responseId: string): Promise<void> {
  await db.query('UPDATE response_drafts SET signed_response_id = $2 WHERE case_id = $1', [caseId, responseId]);
}

export async function setDraftCarePlan(db: Sql, caseId: string, carePlanId: string | null): Promise<void> {
  await db.query('UPDATE response_drafts SET uploaded_care_plan_id = $2 WHERE case_id = $1', [caseId, carePlanId]);
}

/** A draft row for a case that has none yet, so an upload before the first keystroke has somewhere to go. */
export async function ensureDraft(db: Sql, caseId: string, userId: string, now: Date): Promise<DraftRow> {
  await db.query(
    `INSERT INTO response_drafts (case_id, version, content, saved_by, saved_at)
     VALUES ($1, 1, $2, $3, $4) ON CONFLICT (case_id) DO NOTHING`,
    [
      caseId,
      JSON.stringify({ disposition: null, narrative: '', medication: null, imageRequests: [], carePlan: 'none' }),
      userId,
      now,
    ],
  );
  return (await findDraft(db, caseId, true))!;
}

// ---- Care-plan documents ----

export interface CarePlanRow {
  id: string;
  case_id: string;
  source: 'uploaded' | 'generated';
  blob_key: string;
  byte_size: number;
  created_at: Date;
}

const CARE_PLAN_COLUMNS = 'id, case_id, source, blob_key, byte_size, created_at';

export async function insertCarePlan(
  db: Sql,
  plan: { caseId: string; source: 'uploaded' | 'generated'; blobKey: string; byteSize: number; sha256: string },
  by: { userId: string; now: Date },
): Promise<CarePlanRow> {
  const { rows } = await db.query<CarePlanRow>(
    `INSERT INTO care_plan_documents (case_id, source, blob_key, byte_size, sha256, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${CARE_PLAN_COLUMNS}`,
    [plan.caseId, plan.source, plan.blobKey, plan.byteSize, plan.sha256, by.userId, by.now],
  );
  return rows[0]!;
}

export async function findCarePlan(db: Sql, caseId: string, carePlanId: string): Promise<CarePlanRow | null> {
  const { rows } = await db.query<CarePlanRow>(
    `SELECT ${CARE_PLAN_COLUMNS} FROM care_plan_documents WHERE id = $1 AND case_id = $2`,
    [carePlanId, caseId],
  );
  return rows[0] ?? null;
}

/** A care plan the patient may read: one that went out with a signed response of their case. */
export async function findSignedCarePlan(db: Sql, caseId: string, carePlanId: string): Promise<CarePlanRow | null> {
  const { rows } = await db.query<CarePlanRow>(
    `SELECT d.id, d.case_id, d.source, d.blob_key, d.byte_size, d.created_at FROM care_plan_documents d
     JOIN signed_responses r ON r.care_plan_id = d.id AND r.case_id = d.case_id
     WHERE d.id = $1 AND d.case_id = $2`,
    [carePlanId, caseId],
  );
  return rows[0] ?? null;
}

/**
 * Removes an upload that was replaced before it was signed and returns its blob key; a signed one stays (the
 * migration's trigger would refuse it anyway) and null comes back.
 */
export async function deleteUnsignedCarePlan(db: Sql, carePlanId: string): Promise<string | null> {
  const { rows } = await db.query<{ blob_key: string }>(
    `DELETE FROM care_plan_documents d WHERE d.id = $1
       AND NOT EXISTS (SELECT 1 FROM signed_responses r WHERE r.care_plan_id = d.id)
     RETURNING d.blob_key`,
    [carePlanId],
  );
  return rows[0]?.blob_key ?? null;
}

// ---- Signed responses, photo requests, amendments ----

export interface SignedRow {
  id: string;
  case_id: string;
  sequence: number;
  disposition: Disposition;
  narrative: string;
  medication: Medication | null;
  care_plan_id: string | null;
  signed_by: string;
  signed_by_name: string;
  signed_at: Date;
  care_plan_source: 'uploaded' | 'generated' | null;
  care_plan_byte_size: number | null;
  care_plan_created_at: Date | null;
}

export async function insertSignedResponse(
  db: Sql,
  input: {
    caseId: string;
    response: SignableResponse;
    carePlanId: string | null;
    draftVersion: number;
    userId: string;
    now: Date;
  },
): Promise<{ id: string; sequence: number }> {
  const { rows } = await db.query<{ id: string; sequence: number }>(
    `INSERT INTO signed_responses
       (case_id, sequence, disposition, narrative, medication, care_plan_id, draft_version, signed_by, signed_at)
     VALUES ($1, (SELECT COALESCE(max(sequence), 0) + 1 FROM signed_responses WHERE case_id = $1),
       $2, $3, $4, $5, $6, $7, $8)
     RETURNING id, sequence`,
    [
      input.caseId,
      input.response.disposition,
      input.response.narrative,
      input.response.medication ? JSON.stringify(input.response.medication) : null,
      input.carePlanId,
      input.draftVersion,
      input.userId,
      input.now,
    ],
  );
  return rows[0]!;
}

export async function insertImageRequests(
  db: Sql,
  responseId: string,
  caseId: string,
  requests: SignableResponse['imageRequests'],
): Promise<void> {
  for (const [position, request] of requests.entries()) {
    await db.query(
      `INSERT INTO more_images_requests (response_id, case_id, position, site, laterality, view, instruction)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [responseId, caseId, position, request.site, request.laterality, request.view, request.instruction],
    );
  }
}

export async function listSignedResponses(db: Sql, caseId: string): Promise<SignedRow[]> {
  const { rows } = await db.query<SignedRow>(
    `SELECT r.id, r.case_id, r.sequence, r.disposition, r.narrative, r.medication, r.care_plan_id, r.signed_by,
       u.display_name AS signed_by_name, r.signed_at, d.source AS care_plan_source,
       d.byte_size AS care_plan_byte_size, d.created_at AS care_plan_created_at
     FROM signed_responses r JOIN users u ON u.id = r.signed_by
     LEFT JOIN care_plan_documents d ON d.id = r.care_plan_id
     WHERE r.case_id = $1 ORDER BY r.sequence`,
    [caseId],
  );
  return rows;
}

export interface ImageRequestRow {
  id: string;
  response_id: string;
  site: string;
  laterality: 'left' | 'right' | 'bilateral' | null;
  view: 'close_up' | 'context' | 'side_angle' | 'with_scale';
  instruction: string;
}

export async function listImageRequests(db: Sql, caseId: string): Promise<ImageRequestRow[]> {
  const { rows } = await db.query<ImageRequestRow>(
    `SELECT id, response_id, site, laterality, view, instruction FROM more_images_requests
     WHERE case_id = $1 ORDER BY response_id, position`,
    [caseId],
  );
  return rows;
}

/** The photos asked for and not yet sent (the re-submission flow marks them fulfilled). */
export async function listOpenImageRequests(db: Sql, caseId: string): Promise<ImageRequestRow[]> {
  const { rows } = await db.query<ImageRequestRow>(
    `SELECT q.id, q.response_id, q.site, q.laterality, q.view, q.instruction FROM more_images_requests q
     JOIN signed_responses r ON r.id = q.response_id
     WHERE q.case_id = $1 AND q.fulfilled_at IS NULL ORDER BY r.sequence, q.position`,
    [caseId],
  );
  return rows;
}

/** When the still-open requests were signed, and by which response (null when nothing is open). */
export async function findOpenImageRequestRound(
  db: Sql,
  caseId: string,
): Promise<{ response_id: string; signed_at: Date } | null> {
  const { rows } = await db.query<{ response_id: string; signed_at: Date }>(
    `SELECT r.id AS response_id, r.signed_at FROM signed_responses r
     WHERE r.case_id = $1 AND EXISTS (SELECT 1 FROM more_images_requests q WHERE q.response_id = r.id
       AND q.fulfilled_at IS NULL)
     ORDER BY r.sequence DESC LIMIT 1`,
    [caseId],
  );
  return rows[0] ?? null;
}

/** Marks one requested photo as sent; the only change a signed request allows (migration 0011's trigger). */
export async function markImageRequestFulfilled(
  db: Sql,
  caseId: string,
  requestId: string,
  at: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE more_images_requests SET fulfilled_at = $3 WHERE id = $2 AND case_id = $1 AND fulfilled_at IS NULL',
    [caseId, requestId, at],
  );
  return rowCount === 1;
}

export interface AmendmentRow {
  id: string;
  response_id: string;
  reason: string;
  text: string;
  author_id: string;
  author_name: string;
  created_at: Date;
}

export async function insertAmendment(
  db: Sql,
  input: { responseId: string; caseId: string; reason: string; text: string; userId: string; now: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO response_amendments (response_id, case_id, reason, text, author_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [input.responseId, input.caseId, input.reason, input.text, input.userId, input.now],
  );
  return rows[0]!.id;
}

export async function listAmendments(db: Sql, caseId: string): Promise<AmendmentRow[]> {
  const { rows } = await db.query<AmendmentRow>(
    `SELECT a.id, a.response_id, a.reason, a.text, a.author_id, u.display_name AS author_name, a.created_at
     FROM response_amendments a JOIN users u ON u.id = a.author_id
     WHERE a.case_id = $1 ORDER BY a.created_at, a.id`,
    [caseId],
  );
  return rows;
}

export async function findDisplayName(tx: Sql, userId: string): Promise<string> {
  const { rows } = await tx.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [userId]);
  return rows[0]?.display_name ?? '';
}

// ---- Case facts (the cases module owns the row; the status column changes only with recordStatusChange) ----

export interface CaseFactsRow {
  case_number: string;
  submitted_by: string;
  submitted_at: Date;
  patient_record_id: string;
}

export async function findCaseFacts(db: Sql, caseId: string): Promise<CaseFactsRow | null> {
  const { rows } = await db.query<CaseFactsRow>(
    'SELECT case_number, submitted_by, submitted_at, patient_record_id FROM cases WHERE id = $1',
    [caseId],
  );
  return rows[0] ?? null;
}

/** Moves the case on after signing, only from the status the caller saw under its row lock. */
export async function updateCaseStatus(
  db: Sql,
  caseId: string,
  change: { from: CaseStatus; to: CaseStatus; now: Date },
): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE cases SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2', [
    caseId,
    change.from,
    change.to,
    change.now,
  ]);
  return rowCount === 1;
}

export async function listCasePhotoIds(db: Sql, caseId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM photos WHERE case_id = $1 ORDER BY created_at, id', [
    caseId,
  ]);
  return rows.map((r) => r.id);
}
