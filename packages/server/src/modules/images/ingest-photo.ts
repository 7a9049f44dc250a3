import type { QualityMetrics } from '@dermis/core';
import type { BlobStore } from '../../platform/blob-store.ts';
import { type PhotoBlobKeys, storePhotoDerivatives } from './photo-blobs.ts';
import type { PhotoInput, PhotoWorkerPool } from './photo-worker-pool.ts';
import type { PhotoLimits, ProcessedPhoto } from './process-photo.ts';
import type { ImageRejectionCode } from './rejection-codes.ts';

export type IngestedPhoto = Omit<ProcessedPhoto, 'derivatives'> & { blobs: PhotoBlobKeys };

export type IngestOutcome =
  | ({ stored: true } & IngestedPhoto)
  | {
      stored: false;
      decision: 'reject';
      /** The file could not be processed (format, size, damage, limits, time). */
      rejection?: ImageRejectionCode;
      /** Stable codes: the rejection code, or the quality gate's reasons. */
      reasons: string[];
      score: number;
      metrics?: QualityMetrics;
    };

/**
 * One photo from upload to sealed blobs: process it in the worker pool, and store its derivatives only when
 * the server's quality gate does not reject it (the client's check is advice; this one counts). A rejected
 * photo leaves nothing behind. The caller writes the photo row after this returns, in its own transaction;
 * if that fails it deletes `blobs` (or the orphan sweeper does after its grace period).
 */
export async function ingestPhoto(
  pool: PhotoWorkerPool,
  store: BlobStore,
  input: PhotoInput,
  options: { timeoutMs?: number; limits?: PhotoLimits } = {},
): Promise<IngestOutcome> {
  const outcome = await pool.process(input, options);
  if (!outcome.ok)
    return { stored: false, decision: 'reject', rejection: outcome.code, reasons: [outcome.code], score: 0 };
  const { ok: _ok, derivatives, ...photo } = outcome;
  if (photo.decision === 'reject') {
    return { stored: false, decision: 'reject', reasons: photo.reasons, score: photo.score, metrics: photo.metrics };
  }
  const blobs = await storePhotoDerivatives(store, derivatives);
  return { stored: true, ...photo, blobs };
}
