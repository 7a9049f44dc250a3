import { parentPort } from 'node:worker_threads';
import { fitJpegUnder } from './fit-image.ts';

/** One export's images, fitted one after another in this worker thread (fit-image-pool.ts). */
export interface FitJob {
  jobId: number;
  bytes: Uint8Array;
  maxBytes: number;
}

export type FitJobResult =
  | { jobId: number; ok: true; bytes: Uint8Array; width: number; height: number; isReencoded: boolean }
  | { jobId: number; ok: false };

parentPort?.on('message', async (job: FitJob) => {
  try {
    const fitted = await fitJpegUnder(
      Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength),
      job.maxBytes,
    );
    const bytes = new Uint8Array(fitted.bytes);
    const result: FitJobResult = { jobId: job.jobId, ok: true, ...fitted, bytes };
    parentPort?.postMessage(result, [bytes.buffer]);
  } catch {
    parentPort?.postMessage({ jobId: job.jobId, ok: false } satisfies FitJobResult);
  }
});
parentPort?.postMessage({ ready: true });
