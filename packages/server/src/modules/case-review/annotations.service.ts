import { randomUUID } from 'node:crypto';
import {
  arePatientAnnotationsReleased,
  type PhotoAnnotation,
  type PhotoAnnotationWrite,
  parseWebAnnotation,
  toWebAnnotation,
} from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type CaseCaller, findCaseInScope } from '../cases/index.ts';
import { findAssignedCase } from '../review/index.ts';
import {
  type AnnotationRow,
  findLiveAnnotation,
  findPhotoRef,
  insertAnnotation,
  listAnnotations,
  markAnnotationDeleted,
  type PhotoRefRow,
  updateAnnotation,
} from './store.ts';

/**
 * Who sees which annotations of a photo:
 * - the dermatologist the photo's case is assigned to: all of them, and only they write (later the assigned
 *   specialist joins here);
 * - whoever the cases module lets see the case (the patient, the referring GP): the `patient` ones, and only
 *   once the response is signed (arePatientAnnotationsReleased: case status responded or closed);
 * - anyone else: 404.
 */
type PhotoAccess = { photo: PhotoRefRow; patientId: string; status: string; isClinician: boolean };

/** `lock` (writes): the case row lock, so a write and the response's signing cannot interleave. */
async function findPhotoAccess(
  tx: Sql,
  caller: CaseCaller,
  photoId: string,
  lock: boolean,
): Promise<PhotoAccess | null> {
  const photo = await findPhotoRef(tx, photoId);
  if (!photo) return null;
  if (caller.role === 'dermatologist') {
    const assigned = await findAssignedCase(tx, caller.userId, photo.case_id, lock);
    return assigned
      ? { photo, patientId: assigned.patient_record_id, status: assigned.status, isClinician: true }
      : null;
  }
  const own = await findCaseInScope(tx, caller, photo.case_id);
  return own ? { photo, patientId: own.patientRecordId, status: own.status, isClinician: false } : null;
}

function toPhotoAnnotation(row: AnnotationRow): PhotoAnnotation {
  return {
    id: row.id,
    photoId: row.photo_id,
    visibility: row.visibility,
    shape: row.shape,
    annotation: row.annotation,
  };
}

function audit(tx: Sql, caller: CaseCaller, access: PhotoAccess, action: string, objectId: string) {
  return caller.audit(tx, { action, objectType: 'photo_annotation', objectId, patientId: access.patientId });
}

export async function listPhotoAnnotations(
  p: Platform,
  caller: CaseCaller,
  photoId: string,
): Promise<PhotoAnnotation[]> {
  return p.db.transaction(async (tx) => {
    const access = await findPhotoAccess(tx, caller, photoId, false);
    if (!access) throw new AppError('NOT_FOUND');
    const rows = access.isClinician
      ? await listAnnotations(tx, photoId, null)
      : arePatientAnnotationsReleased(access.status)
        ? await listAnnotations(tx, photoId, 'patient')
        : [];
    await audit(tx, caller, access, 'annotation.list', photoId);
    return rows.map(toPhotoAnnotation);
  });
}

/** The clinician's write access: 404 outside it, 409 once the response is signed (the note is immutable). */
async function requireWritable(tx: Sql, caller: CaseCaller, photoId: string): Promise<PhotoAccess> {
  const access = await findPhotoAccess(tx, caller, photoId, true);
  if (!access?.isClinician) throw new AppError('NOT_FOUND');
  if (arePatientAnnotationsReleased(access.status)) throw new AppError('ANNOTATION_LOCKED');
  return access;
}

function parse(access: PhotoAccess, input: unknown) {
  const parsed = parseWebAnnotation(input, access.photo);
  if (!parsed.ok) {
    throw new AppError('ANNOTATION_INVALID', {
      errors: parsed.problems.map((problem) => ({ path: `/annotation${problem.path}`, message: problem.message })),
    });
  }
  return parsed.value;
}

export async function createPhotoAnnotation(
  p: Platform,
  caller: CaseCaller,
  photoId: string,
  write: PhotoAnnotationWrite,
): Promise<PhotoAnnotation> {
  return p.db.transaction(async (tx) => {
    const access = await requireWritable(tx, caller, photoId);
    const parsed = parse(access, write.annotation);
    const id = randomUUID();
    const now = p.clock.now();
    const at = now.toISOString();
    const row = await insertAnnotation(tx, {
      id,
      photoId,
      caseId: access.photo.case_id,
      authorUserId: caller.userId,
      visibility: write.visibility,
      shape: parsed.shape,
      annotation: toWebAnnotation(parsed, { annotationId: id, photoId }, { created: at, modified: at }),
      now,
    });
    await audit(tx, caller, access, 'annotation.create', id);
    return toPhotoAnnotation(row);
  });
}

/** Changes the region, the note or the visibility; the annotation keeps its id and creation time. */
export async function updatePhotoAnnotation(
  p: Platform,
  caller: CaseCaller,
  ids: { photoId: string; annotationId: string },
  write: PhotoAnnotationWrite,
): Promise<PhotoAnnotation> {
  return p.db.transaction(async (tx) => {
    const access = await requireWritable(tx, caller, ids.photoId);
    const existing = await findLiveAnnotation(tx, ids.photoId, ids.annotationId);
    if (!existing) throw new AppError('NOT_FOUND');
    const parsed = parse(access, write.annotation);
    const now = p.clock.now();
    const times = { created: existing.annotation.created, modified: now.toISOString() };
    const row = await updateAnnotation(tx, {
      id: existing.id,
      visibility: write.visibility,
      shape: parsed.shape,
      annotation: toWebAnnotation(parsed, ids, times),
      now,
    });
    await audit(tx, caller, access, 'annotation.update', existing.id);
    return toPhotoAnnotation(row);
  });
}

/** Removes the annotation from every view; the row stays, marked deleted, for the record. */
export async function deletePhotoAnnotation(
  p: Platform,
  caller: CaseCaller,
  ids: { photoId: string; annotationId: string },
): Promise<void> {
  await p.db.transaction(async (tx) => {
    const access = await requireWritable(tx, caller, ids.photoId);
    const existing = await findLiveAnnotation(tx, ids.photoId, ids.annotationId);
    if (!existing) throw new AppError('NOT_FOUND');
    await markAnnotationDeleted(tx, existing.id, p.clock.now());
    await audit(tx, caller, access, 'annotation.delete', existing.id);
  });
}
