import { type BlobStore, newBlobKey } from '../../platform/blob-store.ts';
import type { PhotoDerivatives } from './process-photo.ts';

/** Blob keys of one photo's derivatives, for the photo row. */
export interface PhotoBlobKeys {
  master: string;
  preview: string;
  thumbnail: string;
}

/**
 * Seals and stores the three derivatives (each with its own data key, see BlobStore). All or nothing: when a
 * write fails, the ones already written are removed before the error goes up, so no orphan is left for a
 * reader to find. The caller commits the photo row only after this returns (issue 4).
 */
export async function storePhotoDerivatives(store: BlobStore, derivatives: PhotoDerivatives): Promise<PhotoBlobKeys> {
  const keys: PhotoBlobKeys = {
    master: newBlobKey('master'),
    preview: newBlobKey('preview'),
    thumbnail: newBlobKey('thumbnail'),
  };
  const names = ['master', 'preview', 'thumbnail'] as const;
  const results = await Promise.allSettled(names.map((name) => store.put(keys[name], derivatives[name])));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.allSettled(names.map((name) => store.delete(keys[name])));
    throw failed.reason;
  }
  return keys;
}
