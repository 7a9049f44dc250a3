import type { AgeGroup, CaseStatus, Concern, QueueQuery, TriagePriority, TriageRuleId } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';
import type { QueueCursor } from './queue-cursor.ts';

/**
 * All SQL of the review module: the triage, age-group and assignment columns of `cases` (migration 0008).
 * The queue is the submitted (unclaimed) and in-review (claimed) cases; its order is (queue_rank, submitted_at,
 * id), urgent first, and pages are keyset ranges of that order, never OFFSET.
 */
const IN_QUEUE = `c.status IN ('submitted', 'in_review')`;
/** Submission time as exact text (microseconds, UTC) for cursors. */
const EXACT_TIME = `to_char(c.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface QueueRow {
  id: string;
  case_number: string;
  concern: Concern;
  age_group: AgeGroup | null;
  triage_priority: TriagePriority;
  triage_rules: TriageRuleId[];
  submitted_at: Date;
  submitted_exact: string;
  queue_rank: 0 | 1;
  assigned_to: string | null;
  photos_returned_at: Date | null;
}

export type QueueFilters = Omit<QueueQuery, 'cursor' | 'limit'>;

/** WHERE terms for the filters; `skip` leaves one filter out (counts per value under the other filters). */
function filterTerms(filters: QueueFilters, userId: string, params: unknown[], skip?: keyof QueueFilters): string[] {
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const terms = [IN_QUEUE];
  if (filters.concern && skip !== 'concern') terms.push(`c.concern = ${add(filters.concern)}`);
  if (filters.ageGroup && skip !== 'ageGroup') terms.push(`c.age_group = ${add(filters.ageGroup)}`);
  if (filters.priority && skip !== 'priority') terms.push(`c.triage_priority = ${add(filters.priority)}`);
  if (filters.submittedFrom)
    terms.push(`c.submitted_at >= ${add(filters.submittedFrom)}::date::timestamp AT TIME ZONE 'UTC'`);
  if (filters.submittedTo) {
    terms.push(`c.submitted_at < (${add(filters.submittedTo)}::date + 1)::timestamp AT TIME ZONE 'UTC'`);
  }
  if (filters.review && skip !== 'review') {
    if (filters.review === 'unclaimed') terms.push('c.assigned_to IS NULL');
    else if (filters.review === 'mine') terms.push(`c.assigned_to = ${add(userId)}`);
    else terms.push(`c.assigned_to <> ${add(userId)}`);
  }
  return terms;
}

/**
 * One page of the queue after `cursor`. Each rank is its own range scan ordered by (submitted_at, id) (the
 * filter's index, or the main one), so a page costs `limit` index entries per rank whatever the filters.
 */
export async function listQueuePage(
  db: Sql,
  userId: string,
  filters: QueueFilters,
  cursor: QueueCursor | null,
  limit: number,
): Promise<QueueRow[]> {
  const params: unknown[] = [];
  const where = filterTerms(filters, userId, params);
  const ranks = ([0, 1] as const).filter((rank) => {
    if (cursor && rank < cursor.rank) return false;
    if (filters.priority === 'urgent') return rank === 0;
    if (filters.priority) return rank === 1;
    return true;
  });
  params.push(limit);
  const limitParam = `$${params.length}`;
  const branches = ranks.map((rank) => {
    const after =
      cursor && cursor.rank === rank
        ? ` AND (c.submitted_at, c.id) > ($${params.push(cursor.submittedAt)}::timestamptz, $${params.push(cursor.id)}::uuid)`
        : '';
    return `(SELECT c.id, c.case_number, c.concern, c.age_group, c.triage_priority, c.triage_rules, c.submitted_at,
        ${EXACT_TIME} AS submitted_exact, c.queue_rank, c.assigned_to, c.photos_returned_at
      FROM cases c WHERE ${where.join(' AND ')} AND c.queue_rank = ${rank}${after}
      ORDER BY c.submitted_at, c.id LIMIT ${limitParam})`;
  });
  if (branches.length === 0) return [];
  const { rows } = await db.query<QueueRow>(
    `SELECT * FROM (${branches.join(' UNION ALL ')}) page ORDER BY queue_rank, submitted_at, id LIMIT ${limitParam}`,
    params,
  );
  return rows;
}

export interface QueueGroupRow {
  concern: Concern;
  age_group: AgeGroup | null;
  triage_priority: TriagePriority;
  review: 'unclaimed' | 'mine' | 'others';
  n: number;
}

/**
 * Queue sizes grouped by every filter dimension under the date range (the one filter that is not a value
 * list), so facet counts are sums over these groups. Unclaimed and claimed totals come from the trigger-kept
 * review_queue_totals, or review_queue_counts for a date range (cost: days × values, not cases); the caller's
 * own claimed cases are counted live.
 */
export async function countQueueGroups(db: Sql, userId: string, filters: QueueFilters): Promise<QueueGroupRow[]> {
  const params: unknown[] = [];
  const mineWhere = filterTerms(
    { submittedFrom: filters.submittedFrom, submittedTo: filters.submittedTo, review: 'mine' },
    userId,
    params,
  );
  const days: string[] = [];
  if (filters.submittedFrom) days.push(`day >= $${params.push(filters.submittedFrom)}::date`);
  if (filters.submittedTo) days.push(`day <= $${params.push(filters.submittedTo)}::date`);
  const claimedOrNot = `CASE WHEN is_claimed THEN 'claimed' ELSE 'unclaimed' END`;
  const totals =
    days.length === 0
      ? `SELECT concern, NULLIF(age_group, '') AS age_group, triage_priority, ${claimedOrNot} AS kind, n
         FROM review_queue_totals WHERE n <> 0`
      : `SELECT concern, NULLIF(age_group, '') AS age_group, triage_priority, ${claimedOrNot} AS kind, sum(n)::int AS n
         FROM review_queue_counts WHERE n <> 0 AND ${days.join(' AND ')} GROUP BY 1, 2, 3, 4`;
  // One statement (one round trip): the totals, and the caller's own claimed cases counted live.
  const { rows } = await db.query<Omit<QueueGroupRow, 'review'> & { kind: 'claimed' | 'unclaimed' | 'mine' }>(
    `${totals}
     UNION ALL
     SELECT c.concern, c.age_group, c.triage_priority, 'mine', count(*)::int
     FROM cases c WHERE ${mineWhere.join(' AND ')} GROUP BY 1, 2, 3`,
    params,
  );
  const key = (g: { concern: string; age_group: string | null; triage_priority: string }) =>
    `${g.concern}|${g.age_group ?? ''}|${g.triage_priority}`;
  const mine = rows.filter((g) => g.kind === 'mine');
  const mineByKey = new Map(mine.map((g) => [key(g), g.n]));
  const groups: QueueGroupRow[] = mine.map(({ kind: _, ...g }) => ({ ...g, review: 'mine' }));
  for (const { kind, ...g } of rows) {
    if (kind === 'mine') continue;
    const n = kind === 'claimed' ? g.n - (mineByKey.get(key(g)) ?? 0) : g.n;
    if (n > 0) groups.push({ ...g, n, review: kind === 'claimed' ? 'others' : 'unclaimed' });
  }
  return groups;
}

// ---- Triage ----

export interface TriageInputRow {
  intake_response: unknown;
  submitted_at: Date | null;
  birth_date: string;
}

export async function findTriageInput(db: Sql, caseId: string): Promise<TriageInputRow | null> {
  const { rows } = await db.query<TriageInputRow>(
    `SELECT c.intake_response, c.submitted_at, pr.birth_date::text AS birth_date
     FROM cases c JOIN patient_records pr ON pr.id = c.patient_record_id WHERE c.id = $1`,
    [caseId],
  );
  return rows[0] ?? null;
}

export async function updateTriage(
  db: Sql,
  caseId: string,
  triage: { priority: TriagePriority; firedRules: string[]; ageGroup: AgeGroup; now: Date },
): Promise<void> {
  await db.query(
    'UPDATE cases SET triage_priority = $2, triage_rules = $3, age_group = $4, triaged_at = $5 WHERE id = $1',
    [caseId, triage.priority, triage.firedRules, triage.ageGroup, triage.now],
  );
}

// ---- Assignment ----

export interface AssignmentRow {
  id: string;
  case_number: string;
  status: CaseStatus;
  patient_record_id: string;
  assigned_to: string | null;
  claimed_at: Date | null;
}

const ASSIGNMENT_COLUMNS = 'c.id, c.case_number, c.status, c.patient_record_id, c.assigned_to, c.claimed_at';

/** A queued case, locked for an assignment change; null when the case is not in the queue. */
export async function lockQueuedCase(db: Sql, caseId: string): Promise<AssignmentRow | null> {
  const { rows } = await db.query<AssignmentRow>(
    `SELECT ${ASSIGNMENT_COLUMNS} FROM cases c WHERE c.id = $1 AND ${IN_QUEUE} FOR UPDATE`,
    [caseId],
  );
  return rows[0] ?? null;
}

/** Sets the owner and the status together; `to` null releases the case back to the queue. */
export async function updateAssignment(
  db: Sql,
  caseId: string,
  change: { to: string | null; status: CaseStatus; now: Date },
): Promise<AssignmentRow> {
  const { rows } = await db.query<AssignmentRow>(
    `UPDATE cases c SET assigned_to = $2::uuid, status = $3, updated_at = $4::timestamptz,
       claimed_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE $4::timestamptz END,
       first_claimed_at = COALESCE(first_claimed_at, CASE WHEN $2::uuid IS NULL THEN NULL ELSE $4::timestamptz END),
       released_at = CASE WHEN $2::uuid IS NULL THEN $4::timestamptz ELSE released_at END
     WHERE c.id = $1 RETURNING ${ASSIGNMENT_COLUMNS}`,
    [caseId, change.to, change.status, change.now],
  );
  return rows[0]!;
}

export async function isActiveDermatologist(db: Sql, userId: string): Promise<boolean> {
  const { rows } = await db.query(
    "SELECT 1 FROM users WHERE id = $1 AND role = 'dermatologist' AND disabled_at IS NULL",
    [userId],
  );
  return rows.length === 1;
}

/**
 * The photos a dermatologist asked for arrived: the case goes back to review with the SAME assignee (no
 * re-claim) and is marked for the queue. Returns the assignee, or null if the case was not waiting for them.
 */
export async function updateReturnedToReview(db: Sql, caseId: string, now: Date): Promise<string | null> {
  const { rows } = await db.query<{ assigned_to: string }>(
    `UPDATE cases SET status = 'in_review', photos_returned_at = $2, updated_at = $2
     WHERE id = $1 AND status = 'waiting_for_patient' AND assigned_to IS NOT NULL RETURNING assigned_to`,
    [caseId, now],
  );
  return rows[0]?.assigned_to ?? null;
}

/** The first answer the patient receives; later answers leave it as it was. */
export async function markFirstResponse(db: Sql, caseId: string, at: Date): Promise<void> {
  await db.query('UPDATE cases SET first_response_at = COALESCE(first_response_at, $2) WHERE id = $1', [caseId, at]);
}

// ---- The claimed case ----

export interface AssignedCaseRow {
  id: string;
  case_number: string;
  concern: Concern;
  status: CaseStatus;
  patient_record_id: string;
  triage_priority: TriagePriority;
  triage_rules: TriageRuleId[];
  age_group: AgeGroup | null;
  submitted_at: Date;
  claimed_at: Date;
  first_response_at: Date | null;
  intake_response: unknown;
  given_name: string;
  family_name: string;
  birth_date: string;
}

/** The case if `userId` is its assigned dermatologist (scope in the query), else null. */
export async function findAssignedCase(
  db: Sql,
  userId: string,
  caseId: string,
  lock = false,
): Promise<AssignedCaseRow | null> {
  const { rows } = await db.query<AssignedCaseRow>(
    `SELECT c.id, c.case_number, c.concern, c.status, c.patient_record_id, c.triage_priority, c.triage_rules,
       c.age_group, c.submitted_at, c.claimed_at, c.first_response_at, c.intake_response,
       pr.given_name, pr.family_name, pr.birth_date::text AS birth_date
     FROM cases c JOIN patient_records pr ON pr.id = c.patient_record_id
     WHERE c.id = $2 AND c.assigned_to = $1 AND c.status NOT IN ('draft', 'withdrawn')
     ${lock ? 'FOR UPDATE OF c' : ''}`,
    [userId, caseId],
  );
  return rows[0] ?? null;
}
