import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { DEFAULT_PHOTO_LIMITS, type PhotoLimits, type ProcessedPhoto, processPhotoBytes } from './process-photo.ts';
import { ImageRejection, type ImageRejectionCode } from './rejection-codes.ts';

/** A job as posted by `PhotoWorkerPool`: bytes (already copied for this worker) or a file to read here. */
export interface PhotoJob {
  jobId: number;
  bytes?: Uint8Array;
  path?: string;
  limits?: PhotoLimits;
}

export type PhotoJobResult =
  | { jobId: number; ok: true; photo: ProcessedPhoto }
  | { jobId: number; ok: false; code: ImageRejectionCode };

export interface PhotoWorkerData {
  /** libvips threads; a process-wide setting, so the pool passes one value to all its workers. */
  sharpConcurrency?: number;
}

/** Reads a file for processing, refusing an oversized one from its size before reading any of it. */
async function readLimited(file: string, maxBytes: number): Promise<Buffer> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch {
    throw new ImageRejection('FILE_UNREADABLE');
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ImageRejection('FILE_UNREADABLE');
    if (stat.size > maxBytes) throw new ImageRejection('FILE_TOO_LARGE');
    // read one byte more than allowed: a file that grew after stat() is still caught
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new ImageRejection('FILE_TOO_LARGE');
    return buffer.subarray(0, length);
  } catch (error) {
    throw error instanceof ImageRejection ? error : new ImageRejection('FILE_UNREADABLE');
  } finally {
    await handle.close();
  }
}

async function run(job: PhotoJob): Promise<PhotoJobResult> {
  const limits = job.limits ?? DEFAULT_PHOTO_LIMITS;
  try {
    const bytes = job.path !== undefined ? await readLimited(job.path, limits.maxBytes) : Buffer.from(job.bytes ?? []);
    return { jobId: job.jobId, ok: true, photo: await processPhotoBytes(bytes, limits) };
  } catch (error) {
    return { jobId: job.jobId, ok: false, code: error instanceof ImageRejection ? error.code : 'PROCESSING_FAILED' };
  }
}

/** Copies each derivative into its own ArrayBuffer and transfers it, instead of cloning libvips' buffers. */
function post(result: PhotoJobResult) {
  if (!result.ok) return parentPort!.postMessage(result);
  const d = result.photo.derivatives;
  const [master, preview, thumbnail] = [d.master, d.preview, d.thumbnail].map((b) => new Uint8Array(b));
  const message = { ...result, photo: { ...result.photo, derivatives: { master, preview, thumbnail } } };
  parentPort!.postMessage(message, [master!.buffer, preview!.buffer, thumbnail!.buffer]);
}

if (parentPort) {
  const data = (workerData ?? {}) as PhotoWorkerData;
  if (data.sharpConcurrency) sharp.concurrency(data.sharpConcurrency);
  // every upload is a different image: libvips' operation cache would only hold on to memory
  sharp.cache(false);
  parentPort.on('message', (job: PhotoJob) => {
    run(job).then(post);
  });
  parentPort.postMessage({ ready: true });
}
