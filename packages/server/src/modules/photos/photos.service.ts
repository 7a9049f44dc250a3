import type { PHOTO_DERIVATIVES, PhotoLinks, PhotoSummary, PhotoView } from '@dermis/core';
import { BlobNotFoundError } from '../../platform/blob-store.ts';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findCaseForPhotos, findPhotoInScope, type PhotoActor } from './photo-scope.ts';
import type { PhotoStorage } from './photo-storage.ts';
import { signImageToken, verifyImageToken } from './signed-url.ts';
import { deletePhotoWithUpload, findPhoto, listPhotosOfCase, type PhotoRow } from './store.ts';

function toPhotoSummary(row: PhotoRow): PhotoSummary {
  return {
    id: row.id,
    bodySiteId: row.body_site_id,
    view: row.view as PhotoView | null,
    photoRequestId: row.photo_request_id,
    width: row.width,
    height: row.height,
    quality: { decision: row.quality_decision, reasons: row.quality_reasons, score: row.quality_score },
    capturedAt: row.captured_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listCasePhotos(
  p: Platform,
  actor: PhotoActor,
  caseId: string,
): Promise<{ photos: PhotoSummary[]; patientId: string }> {
  const found = await findCaseForPhotos(p.db, actor, caseId);
  if (!found) throw new AppError('NOT_FOUND');
  return { photos: (await listPhotosOfCase(p.db, caseId)).map(toPhotoSummary), patientId: found.patientRecordId };
}

/**
 * Removes a photo from a draft (a wrong or poor shot the patient or GP does not want to send). Sent cases keep
 * every photo: what the dermatologist saw stays. The case row lock serialises this against submission, so a case
 * cannot be sent with a body site whose last photo is being removed. Blobs go after commit; if that fails, the
 * sweeper removes them as orphans.
 */
export async function deleteDraftPhoto(
  p: Platform,
  storage: PhotoStorage,
  actor: PhotoActor,
  photoId: string,
): Promise<{ patientId: string }> {
  const { blobKeys, patientId } = await p.db.transaction(async (tx) => {
    const photo = await findPhoto(tx, photoId);
    const found = photo ? await findCaseForPhotos(tx, actor, photo.case_id, { lock: true }) : null;
    if (!photo || !found) throw new AppError('NOT_FOUND');
    if (found.status !== 'draft') throw new AppError('CASE_NOT_EDITABLE');
    const keys = await deletePhotoWithUpload(tx, photoId);
    await actor.audit(tx, {
      action: 'photo.delete',
      objectType: 'photo',
      objectId: photoId,
      patientId: found.patientRecordId,
    });
    return { blobKeys: keys, patientId: found.patientRecordId };
  });
  await Promise.allSettled(blobKeys.map((key) => storage.blobs.delete(key)));
  return { patientId };
}

/** Links to the photo's derivatives for this user only, valid IMAGE_LINK_SECONDS (at most 15 minutes). */
export async function issuePhotoLinks(
  p: Platform,
  actor: PhotoActor,
  photoId: string,
): Promise<{ links: PhotoLinks; patientId: string }> {
  const found = await findPhotoInScope(p.db, actor, photoId);
  if (!found) throw new AppError('NOT_FOUND');
  return { links: signPhotoLinks(p, actor.userId, photoId), patientId: found.patientId };
}

/**
 * The signing step alone, for a caller that has already checked the photo is in the user's scope (the case
 * view signs every photo it lists). Fetching a link checks the scope again (readLinkedImage).
 */
export function signPhotoLinks(p: Platform, userId: string, photoId: string): PhotoLinks {
  const expiresAt = new Date(p.clock.now().getTime() + p.config.photos.linkSeconds * 1000);
  const url = (derivative: (typeof PHOTO_DERIVATIVES)[number]) =>
    `/api/images/${signImageToken(p.keys, { photoId, derivative, userId, expiresAt })}`;
  return {
    photoId,
    expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString(),
    links: { master: url('master'), preview: url('preview'), thumbnail: url('thumbnail') },
  };
}

/**
 * One image fetch: the link must verify for this session's user and be unexpired, and the photo must still be
 * in the user's scope (access can end before a link does). The audit row is written before a byte is sent.
 */
export async function readLinkedImage(
  p: Platform,
  storage: PhotoStorage,
  actor: PhotoActor,
  token: string,
): Promise<Buffer> {
  const check = verifyImageToken(p.keys, token, actor.userId, p.clock.now());
  if (!check.ok) throw new AppError(check.reason === 'expired' ? 'IMAGE_LINK_EXPIRED' : 'NOT_FOUND');
  const found = await findPhotoInScope(p.db, actor, check.photoId);
  if (!found) throw new AppError('NOT_FOUND');
  const key = {
    master: found.photo.master_blob,
    preview: found.photo.preview_blob,
    thumbnail: found.photo.thumbnail_blob,
  }[check.derivative];
  let bytes: Buffer;
  try {
    bytes = await storage.blobs.read(key);
  } catch (error) {
    if (error instanceof BlobNotFoundError) throw new AppError('NOT_FOUND');
    throw error;
  }
  await actor.audit(p.db, {
    action: 'photo.read',
    objectType: 'photo',
    objectId: check.photoId,
    patientId: found.patientId,
  });
  return bytes;
}
