import type { Platform } from '../../platform/context.ts';
import type { JobHandler } from '../../platform/outbox.ts';
import { PHOTO_BLOB_KEY, type PhotoStorage, photoStorage } from './photo-storage.ts';
import { abandonStaleUploads, openUploadIds, unreferencedBlobKeys } from './store.ts';
import { PHOTO_SWEEP_TOPIC, scheduleSweep } from './sweep-schedule.ts';

export interface SweepReport {
  abandonedUploads: number;
  removedUploadFiles: number;
  removedBlobs: number;
}

const BATCH = 500;

/**
 * Frees what nothing refers to any more:
 * - uploads never finished within PHOTO_UPLOAD_ABANDON_HOURS are abandoned (their slots freed);
 * - encrypted upload files of uploads that are no longer receiving (finished, refused, abandoned, or gone with
 *   their body site) are deleted;
 * - derivative blobs no photo row names are deleted once older than PHOTO_ORPHAN_GRACE_MINUTES (younger ones may
 *   belong to a photo whose row is committing right now).
 * Database times come from the platform clock; file ages from the file system's clock (`fileNow`).
 */
export async function sweepPhotoStorage(
  p: Platform,
  storage: PhotoStorage = photoStorage(p),
  fileNow: Date = new Date(),
): Promise<SweepReport> {
  const now = p.clock.now();
  const abandoned = await abandonStaleUploads(
    p.db,
    new Date(now.getTime() - p.config.photos.abandonedUploadHours * 3600_000),
    now,
  );
  const graceMs = p.config.photos.orphanGraceMinutes * 60_000;
  const isPastGrace = (modifiedAt: Date) => fileNow.getTime() - modifiedAt.getTime() > graceMs;

  let removedUploadFiles = 0;
  const files: { id: string; modifiedAt: Date }[] = [];
  for await (const file of storage.uploads.list()) files.push(file);
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    const open = await openUploadIds(
      p.db,
      batch.map((f) => f.id),
    );
    for (const file of batch) {
      // A file without a row younger than the grace may be an upload whose creation is still committing.
      if (open.has(file.id) || !(abandoned.includes(file.id) || isPastGrace(file.modifiedAt))) continue;
      await storage.uploads.remove(file.id);
      removedUploadFiles++;
    }
  }

  let removedBlobs = 0;
  const candidates: string[] = [];
  for await (const blob of storage.blobs.list()) {
    if (PHOTO_BLOB_KEY.test(blob.key) && isPastGrace(blob.modifiedAt)) candidates.push(blob.key);
  }
  for (let i = 0; i < candidates.length; i += BATCH) {
    for (const key of await unreferencedBlobKeys(p.db, candidates.slice(i, i + BATCH))) {
      await storage.blobs.delete(key);
      removedBlobs++;
    }
  }
  return { abandonedUploads: abandoned.length, removedUploadFiles, removedBlobs };
}

export const photoJobHandlers: Record<string, JobHandler> = {
  // Runs the sweep, then books the next one an hour on: once the first upload exists, sweeping is periodic.
  [PHOTO_SWEEP_TOPIC]: async (_payload, { p }) => {
    const report = await sweepPhotoStorage(p);
    await scheduleSweep(p.db, new Date(p.clock.now().getTime() + 3600_000));
    p.log.info({ ...report }, 'photo storage swept');
    return 'done';
  },
};
