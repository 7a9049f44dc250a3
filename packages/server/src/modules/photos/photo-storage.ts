import path from 'node:path';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Platform } from '../../platform/context.ts';
import { EncryptedUploadStore } from './upload-store.ts';

/** Where photo bytes live: sealed derivatives in the blob store, encrypted partial uploads beside it. */
export interface PhotoStorage {
  blobs: BlobStore;
  uploads: EncryptedUploadStore;
}

export function photoStorage(p: Platform): PhotoStorage {
  return {
    blobs: p.blobs,
    uploads: new EncryptedUploadStore(path.join(p.config.dataDir, 'uploads'), p.keys),
  };
}

/** The derivative blob keys the images module writes (`newBlobKey('master')` …): the sweeper touches no others. */
export const PHOTO_BLOB_KEY = /^[0-9a-f-]{36}-(master|preview|thumbnail)$/;
