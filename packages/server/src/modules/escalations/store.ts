import type {
  AgeGroup,
  CaseStatus,
  Concern,
  ConsultationContent,
  Disposition,
  EscalationStatus,
  TriagePriority,
} from '@dermis/core';
import type { Sql } from '../../platform/db.ts';

/**
 * All SQL of the escalations module: its own tables (migration 0014) and the escalation scope, i.e. which case
 * (and which of its photos) a specialist may read through an escalation they claimed. The scope is in the query.
 */
export interface EscalationRow {
  id: string;
  case_id: string;
  specialist_type: string;
  requested_specialist_id: string | null;
  question: string;
  routing_note: string | null;
  escalated_by: string;
  escalated_at: Date;
  status: EscalationStatus;
  claimed_by: string | null;
  claimed_at: Date | null;
  answered_at: Date | null;
  withdrawn_at: Date | null;
  draft: ConsultationContent | null;
  seen_photo_ids: string[] | null;
  seen_annotation_ids: string[] | null;
  seen_working_notes: unknown;
}

const COLUMNS = `e.id, e.case_id, e.specialist_type, e.requested_specialist_id, e.question, e.routing_note, e.escalated_by,
  e.escalated_at, e.status, e.claimed_by, e.claimed_at, e.answered_at, e.withdrawn_at, e.draft, e.seen_photo_ids,
  e.seen_annotation_ids, e.seen_working_notes`;

export async function insertEscalation(
  db: Sql,
  e: {
    caseId: string;
    specialistType: string;
    specialistId: string | null;
    question: string;
    routingNote: string | null;
    escalatedBy: string;
    now: Date;
  },
): Promise<EscalationRow> {
  const { rows } = await db.query<EscalationRow>(
    `INSERT INTO escalations AS e (case_id, specialist_type, requested_specialist_id, question, routing_note,
       escalated_by, escalated_at, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'open') RETURNING ${COLUMNS}`,
    [e.caseId, e.specialistType, e.specialistId, e.question, e.routingNote, e.escalatedBy, e.now],
  );
  return rows[0]!;
}

export async function findPendingEscalation(db: Sql, caseId: string): Promise<EscalationRow | null> {
  const { rows } = await db.query<EscalationRow>(
    `SELECT ${COLUMNS} FROM escalations e WHERE e.case_id = $1 AND e.status IN ('open', 'claimed') FOR UPDATE`,
    [caseId],
  );
  return rows[0] ?? null;
}

export async function listCaseEscalations(db: Sql, caseId: string): Promise<EscalationRow[]> {
  const { rows } = await db.query<EscalationRow>(
    `SELECT ${COLUMNS} FROM escalations e WHERE e.case_id = $1 ORDER BY e.escalated_at, e.id`,
    [caseId],
  );
  return rows;
}

/** An escalation the dermatologist who owns its case may act on (scope: the case's assignee). */
export async function lockEscalationOfAssignee(db: Sql, userId: string, id: string): Promise<EscalationRow | null> {
  const { rows } = await db.query<EscalationRow>(
    `SELECT ${COLUMNS} FROM escalations e JOIN cases c ON c.id = e.case_id
     WHERE e.id = $2 AND c.assigned_to = $1 FOR UPDATE OF e`,
    [userId, id],
  );
  return rows[0] ?? null;
}

export async function updateEscalation(
  db: Sql,
  id: string,
  change: Partial<{
    status: EscalationStatus;
    claimedBy: string;
    claimedAt: Date;
    answeredAt: Date;
    withdrawnAt: Date;
    draft: ConsultationContent;
    draftSavedAt: Date;
    seenPhotoIds: string[];
    seenAnnotationIds: string[];
    seenWorkingNotes: unknown;
  }>,
): Promise<EscalationRow> {
  const columns: Record<string, string> = {
    status: 'status',
    claimedBy: 'claimed_by',
    claimedAt: 'claimed_at',
    answeredAt: 'answered_at',
    withdrawnAt: 'withdrawn_at',
    draft: 'draft',
    draftSavedAt: 'draft_saved_at',
    seenPhotoIds: 'seen_photo_ids',
    seenAnnotationIds: 'seen_annotation_ids',
    seenWorkingNotes: 'seen_working_notes',
  };
  const params: unknown[] = [id];
  const sets = Object.entries(change).map(([key, value]) => {
    const isJson = key === 'draft' || key === 'seenWorkingNotes';
    params.push(isJson ? JSON.stringify(value ?? null) : value);
    return `${columns[key]} = $${params.length}${isJson ? '::jsonb' : ''}`;
  });
  const { rows } = await db.query<EscalationRow>(
    `UPDATE escalations e SET ${sets.join(', ')} WHERE e.id = $1 RETURNING ${COLUMNS}`,
    params,
  );
  return rows[0]!;
}

// ---- The specialist's side: scope is (type, named specialist) before claiming, the claimant after ----

export interface QueueEntryRow {
  id: string;
  question: string;
  concern: Concern;
  age_group: AgeGroup | null;
  triage_priority: TriagePriority;
  escalated_at: Date;
  requested_specialist_id: string | null;
  status: EscalationStatus;
}

const QUEUE_COLUMNS = `e.id, e.question, c.concern, c.age_group, c.triage_priority, e.escalated_at,
  e.requested_specialist_id, e.status`;

/** Open escalations of the type, for everyone of the type or named for this specialist; urgent first. */
export async function listOpenForSpecialist(
  db: Sql,
  specialist: { userId: string; specialistType: string },
): Promise<QueueEntryRow[]> {
  const { rows } = await db.query<QueueEntryRow>(
    `SELECT ${QUEUE_COLUMNS} FROM escalations e JOIN cases c ON c.id = e.case_id
     WHERE e.status = 'open' AND e.specialist_type = $2
       AND (e.requested_specialist_id IS NULL OR e.requested_specialist_id = $1)
     ORDER BY c.queue_rank, e.escalated_at, e.id LIMIT 200`,
    [specialist.userId, specialist.specialistType],
  );
  return rows;
}

export async function listClaimedBy(db: Sql, userId: string): Promise<QueueEntryRow[]> {
  const { rows } = await db.query<QueueEntryRow>(
    `SELECT ${QUEUE_COLUMNS} FROM escalations e JOIN cases c ON c.id = e.case_id
     WHERE e.claimed_by = $1 AND e.status IN ('claimed', 'answered')
     ORDER BY e.status = 'answered', e.escalated_at DESC, e.id LIMIT 200`,
    [userId],
  );
  return rows;
}

/** An escalation a specialist may claim (their type, open or claimed, not named for someone else). */
export async function lockClaimable(
  db: Sql,
  specialist: { userId: string; specialistType: string },
  id: string,
): Promise<(EscalationRow & { case_status: CaseStatus; patient_record_id: string }) | null> {
  const { rows } = await db.query<EscalationRow & { case_status: CaseStatus; patient_record_id: string }>(
    `SELECT ${COLUMNS}, c.status AS case_status, c.patient_record_id FROM escalations e JOIN cases c ON c.id = e.case_id
     WHERE e.id = $3 AND e.specialist_type = $2 AND e.status IN ('open', 'claimed')
       AND (e.requested_specialist_id IS NULL OR e.requested_specialist_id = $1)
     FOR UPDATE OF e`,
    [specialist.userId, specialist.specialistType, id],
  );
  return rows[0] ?? null;
}

export interface ClaimedCaseRow extends EscalationRow {
  case_number: string;
  concern: Concern;
  case_status: CaseStatus;
  patient_record_id: string;
  age_group: AgeGroup | null;
  triage_priority: TriagePriority;
  intake_response: unknown;
}

/** The escalation claimed by this specialist, with its case (claimed: live; answered: read-only, frozen). */
export async function findClaimedCase(
  db: Sql,
  userId: string,
  id: string,
  lock = false,
): Promise<ClaimedCaseRow | null> {
  const { rows } = await db.query<ClaimedCaseRow>(
    `SELECT ${COLUMNS}, c.case_number, c.concern, c.status AS case_status, c.patient_record_id, c.age_group,
       c.triage_priority, c.intake_response
     FROM escalations e JOIN cases c ON c.id = e.case_id
     WHERE e.id = $2 AND e.claimed_by = $1 AND e.status IN ('claimed', 'answered')
     ${lock ? 'FOR UPDATE OF e' : ''}`,
    [userId, id],
  );
  return rows[0] ?? null;
}

/** The case a specialist is working on now (claimed, not yet answered): the cases module's scope branch. */
export async function findCaseClaimedBySpecialist(
  db: Sql,
  userId: string,
  caseId: string,
  lock = false,
): Promise<{ id: string; status: CaseStatus; patient_record_id: string } | null> {
  const { rows } = await db.query<{ id: string; status: CaseStatus; patient_record_id: string }>(
    `SELECT c.id, c.status, c.patient_record_id FROM cases c JOIN escalations e ON e.case_id = c.id
     WHERE c.id = $2 AND e.claimed_by = $1 AND e.status = 'claimed' ${lock ? 'FOR UPDATE OF c' : ''}`,
    [userId, caseId],
  );
  return rows[0] ?? null;
}

/**
 * The patient of a photo the specialist may read, else null: any photo of the case while their escalation is
 * claimed; after signing only the photos they saw then.
 */
export async function findPhotoPatientForSpecialist(
  db: Sql,
  userId: string,
  photo: { id: string; caseId: string },
): Promise<string | null> {
  const { rows } = await db.query<{ patient_record_id: string }>(
    `SELECT c.patient_record_id FROM escalations e JOIN cases c ON c.id = e.case_id
     WHERE e.case_id = $2 AND e.claimed_by = $1
       AND (e.status = 'claimed' OR (e.status = 'answered' AND $3::uuid = ANY (e.seen_photo_ids)))
     LIMIT 1`,
    [userId, photo.caseId, photo.id],
  );
  return rows[0]?.patient_record_id ?? null;
}

// ---- Consultation notes ----

export interface NoteRow {
  id: string;
  escalation_id: string;
  assessment: string;
  answer: string;
  recommendation: string;
  suggested_disposition: Disposition;
  signed_by: string;
  signer_name: string;
  signed_at: Date;
}

export async function insertNote(
  db: Sql,
  n: { escalationId: string; caseId: string; content: ConsultationContent; signedBy: string; now: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO consultation_notes (escalation_id, case_id, assessment, answer, recommendation, suggested_disposition,
       signed_by, signed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      n.escalationId,
      n.caseId,
      n.content.assessment,
      n.content.answer,
      n.content.recommendation,
      n.content.suggestedDisposition,
      n.signedBy,
      n.now,
    ],
  );
  return rows[0]!.id;
}

export async function listNotes(db: Sql, escalationIds: string[]): Promise<NoteRow[]> {
  if (escalationIds.length === 0) return [];
  const { rows } = await db.query<NoteRow>(
    `SELECT n.id, n.escalation_id, n.assessment, n.answer, n.recommendation, n.suggested_disposition, n.signed_by,
       u.display_name AS signer_name, n.signed_at
     FROM consultation_notes n JOIN users u ON u.id = n.signed_by WHERE n.escalation_id = ANY ($1::uuid[])`,
    [escalationIds],
  );
  return rows;
}

export interface AmendmentRow {
  id: string;
  note_id: string;
  reason: string;
  text: string;
  created_at: Date;
}

export async function insertNoteAmendment(
  db: Sql,
  a: { noteId: string; reason: string; text: string; authorId: string; now: Date },
): Promise<void> {
  await db.query(
    'INSERT INTO consultation_amendments (note_id, reason, text, author_id, created_at) VALUES ($1, $2, $3, $4, $5)',
    [a.noteId, a.reason, a.text, a.authorId, a.now],
  );
}

export async function listNoteAmendments(db: Sql, noteIds: string[]): Promise<AmendmentRow[]> {
  if (noteIds.length === 0) return [];
  const { rows } = await db.query<AmendmentRow>(
    `SELECT id, note_id, reason, text, created_at FROM consultation_amendments WHERE note_id = ANY ($1::uuid[])
     ORDER BY created_at, id`,
    [noteIds],
  );
  return rows;
}

/** Display names for the timeline (who escalated, who answered). */
export async function findDisplayNames(db: Sql, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; display_name: string }>(
    'SELECT id, display_name FROM users WHERE id = ANY ($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
