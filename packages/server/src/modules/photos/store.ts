import type { Sql } from '../../platform/db.ts';

/** All SQL of the photos module (tables photo_uploads and photos, migration 0006). */

export type UploadStateName = 'receiving' | 'processing' | 'accepted' | 'rejected' | 'abandoned';

export interface UploadRow {
  id: string;
  owner_user_id: string;
  case_id: string;
  body_site_id: string;
  view: string | null;
  size: number;
  state: UploadStateName;
  rejection_code: string | null;
  rejection_reasons: string[] | null;
  created_at: Date;
  photo_id: string | null;
  photo_request_id: string | null;
}

const UPLOAD_COLUMNS = `u.id, u.owner_user_id, u.case_id, u.body_site_id, u.view, u.size, u.state, u.rejection_code,
  u.rejection_reasons, u.created_at, u.photo_request_id, (SELECT ph.id FROM photos ph WHERE ph.upload_id = u.id) AS photo_id`;

/** Uploads that hold one of the case's photo slots: finished photos and uploads still under way. */
export async function countPhotoSlots(db: Sql, caseId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM photo_uploads WHERE case_id = $1 AND state IN ('receiving', 'processing', 'accepted')`,
    [caseId],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Of `requestIds` (one round of the dermatologist's requests), the slots their uploads hold. */
export async function countRequestPhotoSlots(db: Sql, caseId: string, requestIds: string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM photo_uploads WHERE case_id = $1 AND photo_request_id = ANY($2::uuid[])
     AND state IN ('receiving', 'processing', 'accepted')`,
    [caseId, requestIds],
  );
  return Number(rows[0]?.n ?? 0);
}

/** How many accepted photos answer each of `requestIds` (0 for a request nothing answers yet). */
export async function countPhotosPerRequest(
  db: Sql,
  caseId: string,
  requestIds: string[],
): Promise<Map<string, number>> {
  const { rows } = await db.query<{ id: string; n: number }>(
    `SELECT r.id, (SELECT count(*)::int FROM photos p WHERE p.case_id = $1 AND p.photo_request_id = r.id) AS n
     FROM unnest($2::uuid[]) AS r (id)`,
    [caseId, requestIds],
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function insertUpload(
  db: Sql,
  u: {
    id: string;
    ownerUserId: string;
    caseId: string;
    bodySiteId: string;
    view: string | null;
    photoRequestId: string | null;
    size: number;
    now: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO photo_uploads (id, owner_user_id, case_id, body_site_id, view, size, state, created_at, photo_request_id)
     VALUES ($1, $2, $3, $4, $5, $6, 'receiving', $7, $8)`,
    [u.id, u.ownerUserId, u.caseId, u.bodySiteId, u.view, u.size, u.now, u.photoRequestId],
  );
}

/** The upload if `userId` owns it; another user's upload is simply not found. */
export async function findUploadForOwner(db: Sql, userId: string, uploadId: string): Promise<UploadRow | null> {
  const { rows } = await db.query<UploadRow>(
    `SELECT ${UPLOAD_COLUMNS} FROM photo_uploads u WHERE u.id = $1 AND u.owner_user_id = $2`,
    [uploadId, userId],
  );
  return rows[0] ?? null;
}

/**
 * Takes an upload for processing: only one request wins (a retried final PATCH, two API nodes). A claim older
 * than `staleBefore` belonged to a request that died and may be taken again.
 */
export async function claimUpload(db: Sql, uploadId: string, now: Date, staleBefore: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE photo_uploads SET state = 'processing', processing_started_at = $2
     WHERE id = $1 AND (state = 'receiving' OR (state = 'processing' AND processing_started_at < $3))`,
    [uploadId, now, staleBefore],
  );
  return rowCount === 1;
}

export async function finishUpload(
  db: Sql,
  uploadId: string,
  outcome: { state: 'accepted' } | { state: 'rejected'; code: string; reasons: string[] },
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE photo_uploads SET state = $2, rejection_code = $3, rejection_reasons = $4, finished_at = $5
     WHERE id = $1 AND state = 'processing'`,
    [
      uploadId,
      outcome.state,
      outcome.state === 'rejected' ? outcome.code : null,
      outcome.state === 'rejected' ? JSON.stringify(outcome.reasons) : null,
      now,
    ],
  );
}

/** Uploads never finished before `createdBefore`: abandoned, their slots freed. Returns their ids. */
export async function abandonStaleUploads(db: Sql, createdBefore: Date, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE photo_uploads SET state = 'abandoned', finished_at = $2
     WHERE state IN ('receiving', 'processing') AND created_at < $1 RETURNING id`,
    [createdBefore, now],
  );
  return rows.map((r) => r.id);
}

/** Of `ids`, those whose bytes are still needed (the upload is receiving or being processed). */
export async function openUploadIds(db: Sql, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM photo_uploads WHERE id = ANY($1::text[]) AND state IN ('receiving', 'processing')`,
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}

// ---- Photos ----

export interface PhotoRow {
  id: string;
  upload_id: string;
  case_id: string;
  body_site_id: string;
  view: string | null;
  width: number;
  height: number;
  quality_decision: 'accept' | 'warn';
  quality_reasons: string[];
  quality_score: number;
  captured_at: Date | null;
  master_blob: string;
  preview_blob: string;
  thumbnail_blob: string;
  created_at: Date;
  photo_request_id: string | null;
}

const PHOTO_COLUMNS = `id, upload_id, case_id, body_site_id, photo_request_id, view, width, height, quality_decision, quality_reasons,
  quality_score, captured_at, master_blob, preview_blob, thumbnail_blob, created_at`;

export async function insertPhoto(
  db: Sql,
  p: {
    uploadId: string;
    caseId: string;
    bodySiteId: string;
    uploadedBy: string;
    view: string | null;
    format: string;
    width: number;
    height: number;
    decision: string;
    reasons: string[];
    score: number;
    capturedAt: string | null;
    blobs: { master: string; preview: string; thumbnail: string };
    photoRequestId: string | null;
    now: Date;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO photos (upload_id, case_id, body_site_id, uploaded_by, view, format, width, height, quality_decision,
       quality_reasons, quality_score, captured_at, master_blob, preview_blob, thumbnail_blob, created_at,
       photo_request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [
      p.uploadId,
      p.caseId,
      p.bodySiteId,
      p.uploadedBy,
      p.view,
      p.format,
      p.width,
      p.height,
      p.decision,
      JSON.stringify(p.reasons),
      p.score,
      p.capturedAt,
      p.blobs.master,
      p.blobs.preview,
      p.blobs.thumbnail,
      p.now,
      p.photoRequestId,
    ],
  );
  return rows[0]!.id;
}

/** A photo by id, unscoped: callers pass it through the scope check (photo-scope.ts) before using it. */
export async function findPhoto(db: Sql, photoId: string): Promise<PhotoRow | null> {
  const { rows } = await db.query<PhotoRow>(`SELECT ${PHOTO_COLUMNS} FROM photos WHERE id = $1`, [photoId]);
  return rows[0] ?? null;
}

export async function listPhotosOfCase(db: Sql, caseId: string): Promise<PhotoRow[]> {
  const { rows } = await db.query<PhotoRow>(
    `SELECT ${PHOTO_COLUMNS} FROM photos WHERE case_id = $1 ORDER BY created_at, id`,
    [caseId],
  );
  return rows;
}

/** Of `bodySiteIds`, those with no photo. */
export async function findBodySitesWithoutPhoto(db: Sql, caseId: string, bodySiteIds: string[]): Promise<string[]> {
  if (bodySiteIds.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `SELECT s.id FROM unnest($2::uuid[]) WITH ORDINALITY AS s (id, n)
     WHERE NOT EXISTS (SELECT 1 FROM photos p WHERE p.case_id = $1 AND p.body_site_id = s.id)
     ORDER BY s.n`,
    [caseId, bodySiteIds],
  );
  return rows.map((r) => r.id);
}

/** Of `keys`, those no photo row names (candidates for the orphan sweeper). */
export async function unreferencedBlobKeys(db: Sql, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const { rows } = await db.query<{ key: string }>(
    `SELECT k.key FROM unnest($1::text[]) AS k (key)
     WHERE NOT EXISTS (SELECT 1 FROM photos p
       WHERE p.master_blob = k.key OR p.preview_blob = k.key OR p.thumbnail_blob = k.key)`,
    [keys],
  );
  return rows.map((r) => r.key);
}

/**
 * Removes a photo and the upload that made it (so its slot is free again), returning its blob keys for the
 * caller to delete after commit. The photo row goes with its upload (ON DELETE CASCADE).
 */
export async function deletePhotoWithUpload(db: Sql, photoId: string): Promise<string[]> {
  const { rows } = await db.query<{ master_blob: string; preview_blob: string; thumbnail_blob: string }>(
    `DELETE FROM photo_uploads u USING photos ph WHERE ph.id = $1 AND u.id = ph.upload_id
     RETURNING ph.master_blob, ph.preview_blob, ph.thumbnail_blob`,
    [photoId],
  );
  const row = rows[0];
  return row ? [row.master_blob, row.preview_blob, row.thumbnail_blob] : [];
}
