import type { AnnotationShape, AnnotationVisibility, CaseStatus, Concern, WebAnnotation } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';

/**
 * The case-review module's SQL: reads of the case, its photos and the patient's earlier submissions for the
 * case view, and the photo_annotations table it owns (migration 0012). Which case a dermatologist may open is
 * the review module's rule (findAssignedCase); the comparison scope below extends it to the same patient's
 * earlier submissions, and nothing else.
 */
const VISIBLE_CASE = `status NOT IN ('draft', 'withdrawn')`;

export interface CaseExtrasRow {
  questionnaire_url: string;
  questionnaire_version: string;
}

export async function findCaseExtras(db: Sql, caseId: string): Promise<CaseExtrasRow> {
  const { rows } = await db.query<CaseExtrasRow>(
    'SELECT questionnaire_url, questionnaire_version FROM cases WHERE id = $1',
    [caseId],
  );
  return rows[0]!;
}

export interface SiteRow {
  id: string;
  site_code: string;
  site_system: string;
  laterality: 'left' | 'right' | 'bilateral' | null;
  label: string;
}

export async function listSites(db: Sql, caseId: string): Promise<SiteRow[]> {
  const { rows } = await db.query<SiteRow>(
    `SELECT id, site_code, site_system, laterality, label FROM case_body_sites WHERE case_id = $1
     ORDER BY position, id`,
    [caseId],
  );
  return rows;
}

export interface ViewPhotoRow {
  id: string;
  body_site_id: string;
  view: string | null;
  width: number;
  height: number;
  captured_at: Date | null;
  created_at: Date;
}

const PHOTO_COLUMNS = 'ph.id, ph.body_site_id, ph.view, ph.width, ph.height, ph.captured_at, ph.created_at';

export async function listCasePhotoRows(db: Sql, caseId: string): Promise<ViewPhotoRow[]> {
  const { rows } = await db.query<ViewPhotoRow>(
    `SELECT ${PHOTO_COLUMNS} FROM photos ph WHERE ph.case_id = $1 ORDER BY ph.created_at, ph.id`,
    [caseId],
  );
  return rows;
}

export interface EarlierCaseRow {
  id: string;
  case_number: string;
  concern: Concern;
  status: CaseStatus;
  submitted_at: Date;
}

/** The patient's cases submitted before `before` (drafts and withdrawn cases left out), newest first. */
export async function listEarlierCases(
  db: Sql,
  patientRecordId: string,
  caseId: string,
  before: Date,
): Promise<EarlierCaseRow[]> {
  const { rows } = await db.query<EarlierCaseRow>(
    `SELECT id, case_number, concern, status, submitted_at FROM cases
     WHERE patient_record_id = $1 AND id <> $2 AND submitted_at < $3 AND ${VISIBLE_CASE}
     ORDER BY submitted_at DESC, id`,
    [patientRecordId, caseId, before],
  );
  return rows;
}

export interface ComparisonRow extends ViewPhotoRow {
  current_site_id: string;
  case_id: string;
  case_number: string;
  submitted_at: Date;
}

/** Per body site of the case, photos of the same site (code and laterality) in the patient's earlier cases. */
export async function listSameSitePhotos(
  db: Sql,
  current: { caseId: string; patientRecordId: string; submittedAt: Date },
): Promise<ComparisonRow[]> {
  const { rows } = await db.query<ComparisonRow>(
    `SELECT cur.id AS current_site_id, c.id AS case_id, c.case_number, c.submitted_at, ${PHOTO_COLUMNS}
     FROM case_body_sites cur
     JOIN cases c ON c.patient_record_id = $2 AND c.id <> cur.case_id AND c.submitted_at < $3 AND c.${VISIBLE_CASE}
     JOIN case_body_sites s ON s.case_id = c.id AND s.site_code = cur.site_code
       AND COALESCE(s.laterality, '') = COALESCE(cur.laterality, '')
     JOIN photos ph ON ph.body_site_id = s.id
     WHERE cur.case_id = $1
     ORDER BY cur.position, cur.id, c.submitted_at DESC, ph.created_at, ph.id`,
    [current.caseId, current.patientRecordId, current.submittedAt],
  );
  return rows;
}

/**
 * The comparison scope: `caseId` if it is assigned to `userId`, or was submitted earlier by the same patient as
 * a case assigned to `userId` (DESIGN.md flow 3: earlier cases' images side by side). Null otherwise.
 */
export async function findCaseInComparisonScope(
  db: Sql,
  userId: string,
  caseId: string,
): Promise<{ id: string; patientRecordId: string } | null> {
  const { rows } = await db.query<{ id: string; patient_record_id: string }>(
    `SELECT c.id, c.patient_record_id FROM cases c
     WHERE c.id = $2 AND c.${VISIBLE_CASE} AND EXISTS (
       SELECT 1 FROM cases mine WHERE mine.assigned_to = $1 AND mine.${VISIBLE_CASE}
         AND mine.patient_record_id = c.patient_record_id AND (mine.id = c.id OR c.submitted_at < mine.submitted_at))`,
    [userId, caseId],
  );
  const row = rows[0];
  return row ? { id: row.id, patientRecordId: row.patient_record_id } : null;
}

// ---- Annotations ----

export interface PhotoRefRow {
  id: string;
  case_id: string;
  width: number;
  height: number;
}

/** A photo's case and size, unscoped: callers check the case's scope before using it. */
export async function findPhotoRef(db: Sql, photoId: string): Promise<PhotoRefRow | null> {
  const { rows } = await db.query<PhotoRefRow>('SELECT id, case_id, width, height FROM photos WHERE id = $1', [
    photoId,
  ]);
  return rows[0] ?? null;
}

export interface AnnotationRow {
  id: string;
  photo_id: string;
  visibility: AnnotationVisibility;
  shape: AnnotationShape;
  annotation: WebAnnotation;
}

const ANNOTATION_COLUMNS = 'id, photo_id, visibility, shape, annotation';

export async function listAnnotations(
  db: Sql,
  photoId: string,
  onlyVisibility: AnnotationVisibility | null,
): Promise<AnnotationRow[]> {
  const { rows } = await db.query<AnnotationRow>(
    `SELECT ${ANNOTATION_COLUMNS} FROM photo_annotations
     WHERE photo_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR visibility = $2)
     ORDER BY seq`,
    [photoId, onlyVisibility],
  );
  return rows;
}

export async function insertAnnotation(
  db: Sql,
  a: {
    id: string;
    photoId: string;
    caseId: string;
    authorUserId: string;
    visibility: AnnotationVisibility;
    shape: AnnotationShape;
    annotation: WebAnnotation;
    now: Date;
  },
): Promise<AnnotationRow> {
  const { rows } = await db.query<AnnotationRow>(
    `INSERT INTO photo_annotations (id, photo_id, case_id, author_user_id, visibility, shape, annotation, created_at,
       updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${ANNOTATION_COLUMNS}`,
    [a.id, a.photoId, a.caseId, a.authorUserId, a.visibility, a.shape, JSON.stringify(a.annotation), a.now],
  );
  return rows[0]!;
}

export async function findLiveAnnotation(
  db: Sql,
  photoId: string,
  annotationId: string,
): Promise<AnnotationRow | null> {
  const { rows } = await db.query<AnnotationRow>(
    `SELECT ${ANNOTATION_COLUMNS} FROM photo_annotations
     WHERE id = $1 AND photo_id = $2 AND deleted_at IS NULL FOR UPDATE`,
    [annotationId, photoId],
  );
  return rows[0] ?? null;
}

export async function updateAnnotation(
  db: Sql,
  a: { id: string; visibility: AnnotationVisibility; shape: AnnotationShape; annotation: WebAnnotation; now: Date },
): Promise<AnnotationRow> {
  const { rows } = await db.query<AnnotationRow>(
    `UPDATE photo_annotations SET visibility = $2, shape = $3, annotation = $4, updated_at = $5
     WHERE id = $1 RETURNING ${ANNOTATION_COLUMNS}`,
    [a.id, a.visibility, a.shape, JSON.stringify(a.annotation), a.now],
  );
  return rows[0]!;
}

export async function markAnnotationDeleted(db: Sql, annotationId: string, now: Date): Promise<void> {
  await db.query('UPDATE photo_annotations SET deleted_at = $2 WHERE id = $1', [annotationId, now]);
}
