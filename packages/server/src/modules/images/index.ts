export { readCaptureTime } from './capture-time.ts';
export { type IngestedPhoto, type IngestOutcome, ingestPhoto } from './ingest-photo.ts';
export { type PhotoBlobKeys, storePhotoDerivatives } from './photo-blobs.ts';
export {
  type PhotoInput,
  type PhotoOutcome,
  PhotoWorkerPool,
  type PhotoWorkerPoolOptions,
} from './photo-worker-pool.ts';
export {
  DEFAULT_PHOTO_LIMITS,
  type PhotoDerivatives,
  type PhotoLimits,
  PREVIEW_LONG_EDGE,
  type ProcessedPhoto,
  THUMBNAIL_LONG_EDGE,
} from './process-photo.ts';
export { IMAGE_REJECTION_CODES, type ImageRejectionCode, isImageRejectionCode } from './rejection-codes.ts';
export type { PhotoFormat } from './sniff-format.ts';
