import { bodySiteLabel, bodySiteSystem, PHOTO_VIEWS, type PhotoUploadMetadata, type PhotoView } from '@dermis/core';
import type { Config } from '../../platform/config.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type CaseInScope, ensureBodySite } from '../cases/index.ts';
import { findOpenPhotoRequests } from '../responses/index.ts';
import type { PhotoActor } from './photo-scope.ts';
import { countPhotoSlots, countRequestPhotoSlots, type UploadRow } from './store.ts';

/** Where an accepted upload goes: a body site of the case, its view, and the request it answers (if any). */
export interface UploadTarget {
  bodySiteId: string;
  view: PhotoView | null;
  photoRequestId: string | null;
}

const SUBMITTERS: readonly string[] = ['patient', 'referring_clinician'];

/**
 * The two times a case takes photos (issue 4 "Guided photos", issue 5 "More images"): while it is a draft, on
 * the body sites the client names; while it waits for the patient, ONLY against the dermatologist's open
 * requests, with body site and view taken from the request. Each round has its own photo limit. Called under
 * the case row lock.
 */
export async function resolveUploadTarget(
  tx: Sql,
  config: Config,
  actor: Pick<PhotoActor, 'role'>,
  found: CaseInScope,
  metadata: PhotoUploadMetadata,
  now: Date,
): Promise<UploadTarget> {
  if (found.status === 'draft') {
    const { bodySiteId } = metadata;
    // A request id only names an open request of a case waiting for photos; a draft has none.
    if (metadata.photoRequestId) throw new AppError('NOT_FOUND');
    if (!bodySiteId || !found.bodySiteIds.includes(bodySiteId)) throw new AppError('BODY_SITE_UNKNOWN');
    if ((await countPhotoSlots(tx, found.id)) >= config.photos.maxPerCase) throw new AppError('PHOTO_LIMIT_REACHED');
    return { bodySiteId, view: metadata.view ?? null, photoRequestId: null };
  }
  if (found.status !== 'waiting_for_patient' || !SUBMITTERS.includes(actor.role)) {
    throw new AppError('CASE_NOT_EDITABLE');
  }
  if (!metadata.photoRequestId) throw new AppError('PHOTO_REQUEST_REQUIRED');
  const open = await findOpenPhotoRequests(tx, found.id);
  const request = open.find((r) => r.id === metadata.photoRequestId);
  // Another case's request, a fulfilled one, or none at all: outside what this case asks for.
  if (!request) throw new AppError('NOT_FOUND');
  const slots = await countRequestPhotoSlots(
    tx,
    found.id,
    open.map((r) => r.id),
  );
  if (slots >= config.photos.maxPerCase) throw new AppError('PHOTO_LIMIT_REACHED');
  const bodySiteId = await ensureBodySite(
    tx,
    found.id,
    {
      system: bodySiteSystem(request.site),
      code: request.site,
      laterality: request.laterality,
      label: bodySiteLabel({ site: request.site, laterality: request.laterality }),
    },
    now,
  );
  // "With scale" is not one of the guided views a photo row records; the linked request says it.
  const view = (PHOTO_VIEWS as readonly string[]).includes(request.view) ? (request.view as PhotoView) : null;
  return { bodySiteId, view, photoRequestId: request.id };
}

/** Whether a finished upload may still become a photo (the case or its request may have moved on meanwhile). */
export async function isUploadTargetOpen(tx: Sql, found: CaseInScope | null, upload: UploadRow): Promise<boolean> {
  if (!found) return false;
  if (found.status === 'draft') return upload.photo_request_id === null;
  if (found.status !== 'waiting_for_patient' || upload.photo_request_id === null) return false;
  return (await findOpenPhotoRequests(tx, found.id)).some((r) => r.id === upload.photo_request_id);
}
