import { type ErrorCode, PhotoUploadMetadata, type UploadStatus } from '@dermis/core';
import { Value } from '@sinclair/typebox/value';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { DEFAULT_PHOTO_LIMITS, ingestPhoto, isImageRejectionCode, type PhotoWorkerPool } from '../images/index.ts';
import { findCaseForPhotos, type PhotoActor } from './photo-scope.ts';
import type { PhotoStorage } from './photo-storage.ts';
import { claimUpload, findUploadForOwner, finishUpload, insertPhoto, insertUpload, type UploadRow } from './store.ts';
import { scheduleSweep } from './sweep-schedule.ts';
import { isUploadTargetOpen, resolveUploadTarget } from './upload-target.ts';

/** A claim on an upload older than this belonged to a request that died; the pipeline's own limit is 30 s. */
const PROCESSING_CLAIM_SECONDS = 120;

/** The rejection codes the API answers with; anything else the pipeline says is answered as a failure. */
function rejectionErrorCode(code: string): ErrorCode {
  const known: readonly string[] = [
    'FILE_EMPTY',
    'FILE_TOO_LARGE',
    'FORMAT_NOT_ALLOWED',
    'FILE_CORRUPT',
    'TOO_MANY_PIXELS',
    'PROCESSING_TIMEOUT',
    'PROCESSING_FAILED',
    'PHOTO_QUALITY_REJECTED',
    'CASE_NOT_EDITABLE',
  ];
  return (known.includes(code) ? code : 'PROCESSING_FAILED') as ErrorCode;
}

/** The refusal as the API answers it: the stable code, and the quality gate's reasons when it was the gate. */
export function rejectionError(code: string, reasons: string[]): AppError {
  return new AppError(
    rejectionErrorCode(code),
    reasons.length > 0 ? { errors: reasons.map((reason) => ({ path: '/photo', message: reason, code: reason })) } : {},
  );
}

/** Only ids survive from the client's metadata; `filename` and anything else are dropped here, unread. */
export function parseUploadMetadata(raw: Record<string, string | null> | undefined): PhotoUploadMetadata {
  const picked = {
    caseId: raw?.caseId,
    ...(raw?.bodySiteId !== undefined ? { bodySiteId: raw.bodySiteId } : {}),
    ...(raw?.view !== undefined ? { view: raw.view } : {}),
    ...(raw?.photoRequestId !== undefined ? { photoRequestId: raw.photoRequestId } : {}),
  };
  if (!Value.Check(PhotoUploadMetadata, picked) || (!picked.bodySiteId && !picked.photoRequestId)) {
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: '/upload-metadata', message: 'caseId and bodySiteId (or photoRequestId) are required' }],
    });
  }
  return picked;
}

/**
 * Creating an upload takes one of the case's photo slots. The case row lock serialises creations, so two
 * concurrent requests cannot both take the last slot; the slot is the photo_uploads row itself.
 */
export async function reserveUpload(
  p: Platform,
  actor: PhotoActor,
  input: { uploadId: string; size: number | undefined; metadata: PhotoUploadMetadata },
): Promise<void> {
  if (input.size === undefined) throw new AppError('VALIDATION_FAILED');
  if (input.size === 0) throw new AppError('FILE_EMPTY');
  if (input.size > DEFAULT_PHOTO_LIMITS.maxBytes) throw new AppError('FILE_TOO_LARGE');
  const { caseId } = input.metadata;
  await p.db.transaction(async (tx) => {
    const found = await findCaseForPhotos(tx, actor, caseId, { lock: true });
    if (!found) throw new AppError('NOT_FOUND');
    const now = p.clock.now();
    const target = await resolveUploadTarget(tx, p.config, actor, found, input.metadata, now);
    await insertUpload(tx, {
      id: input.uploadId,
      ownerUserId: actor.userId,
      caseId,
      ...target,
      size: input.size!,
      now,
    });
    // The sweep that frees this upload's slot and bytes if it is never finished.
    await scheduleSweep(tx, new Date(now.getTime() + p.config.photos.abandonedUploadHours * 3600_000));
    await actor.audit(tx, {
      action: 'photo.upload.create',
      objectType: 'photo_upload',
      objectId: input.uploadId,
      patientId: found.patientRecordId,
    });
  });
}

export type UploadOutcome =
  | { kind: 'accepted'; photoId: string }
  | { kind: 'rejected'; code: string; reasons: string[] };

/** The recorded outcome of a finished upload (a retried final PATCH gets the same answer again). */
export function recordedOutcome(row: UploadRow): UploadOutcome | null {
  if (row.state === 'accepted' && row.photo_id) return { kind: 'accepted', photoId: row.photo_id };
  if (row.state === 'rejected') {
    return { kind: 'rejected', code: row.rejection_code ?? 'PROCESSING_FAILED', reasons: row.rejection_reasons ?? [] };
  }
  return null;
}

/**
 * All bytes arrived: decrypt the upload, run the image pipeline (in the worker pool), store the derivatives and
 * only then commit the photo row. Exactly one request processes an upload; the others get its recorded outcome.
 * A refusal leaves no blob and no photo; the case keeps its other photos.
 */
export async function completeUpload(
  p: Platform,
  deps: { pool: PhotoWorkerPool; storage: PhotoStorage },
  actor: PhotoActor,
  uploadId: string,
): Promise<UploadOutcome> {
  const now = p.clock.now();
  const staleBefore = new Date(now.getTime() - PROCESSING_CLAIM_SECONDS * 1000);
  if (!(await claimUpload(p.db, uploadId, now, staleBefore))) {
    const row = await findUploadForOwner(p.db, actor.userId, uploadId);
    if (!row) throw new AppError('NOT_FOUND');
    const outcome = recordedOutcome(row);
    if (!outcome) throw new AppError(row.state === 'processing' ? 'UPLOAD_IN_PROGRESS' : 'NOT_FOUND');
    return outcome;
  }
  const upload = await findUploadForOwner(p.db, actor.userId, uploadId);
  if (!upload) throw new AppError('NOT_FOUND');

  const reject = async (code: string, reasons: string[], patientId: string | null): Promise<UploadOutcome> => {
    await p.db.transaction(async (tx) => {
      await finishUpload(tx, uploadId, { state: 'rejected', code, reasons }, p.clock.now());
      await actor.audit(tx, { action: 'photo.reject', objectType: 'photo_upload', objectId: uploadId, patientId });
    });
    await deps.storage.uploads.remove(uploadId).catch(() => undefined);
    return { kind: 'rejected', code, reasons };
  };

  let bytes: Buffer;
  try {
    bytes = await deps.storage.uploads.readPlaintext(uploadId);
  } catch {
    return reject('PROCESSING_FAILED', [], null);
  }
  const ingested = await ingestPhoto(deps.pool, deps.storage.blobs, bytes);
  if (!ingested.stored) {
    const code =
      ingested.rejection && isImageRejectionCode(ingested.rejection) ? ingested.rejection : 'PHOTO_QUALITY_REJECTED';
    return reject(code, ingested.rejection ? [] : ingested.reasons, null);
  }

  const blobKeys = Object.values(ingested.blobs);
  let photoId: string;
  try {
    photoId = await p.db.transaction(async (tx) => {
      // Under the case lock: a submission cannot pass its photo check while this photo is half-committed.
      const found = await findCaseForPhotos(tx, actor, upload.case_id, { lock: true });
      if (!found || !(await isUploadTargetOpen(tx, found, upload))) throw new AppError('CASE_NOT_EDITABLE');
      const id = await insertPhoto(tx, {
        uploadId,
        caseId: upload.case_id,
        bodySiteId: upload.body_site_id,
        uploadedBy: actor.userId,
        view: upload.view,
        format: ingested.format,
        width: ingested.width,
        height: ingested.height,
        decision: ingested.decision,
        reasons: ingested.reasons,
        score: ingested.score,
        capturedAt: ingested.captureTime ?? null,
        blobs: ingested.blobs,
        photoRequestId: upload.photo_request_id,
        now: p.clock.now(),
      });
      await finishUpload(tx, uploadId, { state: 'accepted' }, p.clock.now());
      await actor.audit(tx, {
        action: 'photo.create',
        objectType: 'photo',
        objectId: id,
        patientId: found.patientRecordId,
      });
      return id;
    });
  } catch (error) {
    // Nothing names these blobs; remove them now rather than leave them to the sweeper.
    await Promise.allSettled(blobKeys.map((key) => deps.storage.blobs.delete(key)));
    if (error instanceof AppError && error.code === 'CASE_NOT_EDITABLE') return reject('CASE_NOT_EDITABLE', [], null);
    throw error;
  }
  await deps.storage.uploads.remove(uploadId).catch(() => undefined);
  return { kind: 'accepted', photoId };
}

export async function readUploadStatus(p: Platform, actor: PhotoActor, uploadId: string): Promise<UploadStatus> {
  const row = await findUploadForOwner(p.db, actor.userId, uploadId);
  if (!row) throw new AppError('NOT_FOUND');
  return {
    id: row.id,
    caseId: row.case_id,
    bodySiteId: row.body_site_id,
    state: row.state,
    size: Number(row.size),
    photoId: row.photo_id,
    rejection:
      row.state === 'rejected'
        ? { code: row.rejection_code ?? 'PROCESSING_FAILED', reasons: row.rejection_reasons ?? [] }
        : null,
  };
}
