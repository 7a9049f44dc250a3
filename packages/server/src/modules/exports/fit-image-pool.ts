import { Worker } from 'node:worker_threads';
import type { FitJob, FitJobResult } from './fit-image-worker.ts';

const ENTRY = new URL('./fit-image-worker-entry.mjs', import.meta.url);
/** Exports decoding at the same time; more wait their turn (each may hold a large decoded master). */
const MAX_CONCURRENT = 2;

export type FittedBytes = Extract<FitJobResult, { ok: true }>;
export class ImageFitError extends Error {}

let running = 0;
const waiting: (() => void)[] = [];

async function takeTurn(): Promise<() => void> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/**
 * Runs `use` with a fresh worker thread that fits images under a byte limit (DESIGN.md: image decoding runs
 * isolated from the API process). The worker is ended afterwards, or when the whole job passes `timeoutMs`,
 * so a pathological image costs a thread, never the API's event loop. The images module's photo pool is for
 * ingest only; exports are rare, so a worker per export is simpler than a second resident pool.
 */
export async function withImageFitter<T>(
  timeoutMs: number,
  use: (fit: (bytes: Buffer, maxBytes: number) => Promise<FittedBytes>) => Promise<T>,
): Promise<T> {
  const release = await takeTurn();
  const worker = new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: 256 } });
  const pending = new Map<number, (result: FitJobResult) => void>();
  let failure: ImageFitError | null = null;
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const failAll = (reason: string) => {
    failure ??= new ImageFitError(reason);
    markReady();
    for (const resolve of pending.values()) resolve({ jobId: -1, ok: false });
    pending.clear();
  };
  worker.on('message', (message: FitJobResult | { ready: true }) => {
    if ('ready' in message) return markReady();
    pending.get(message.jobId)?.(message);
    pending.delete(message.jobId);
  });
  worker.on('error', () => failAll('image worker failed'));
  worker.on('exit', () => failAll('image worker stopped'));
  const timer = setTimeout(() => {
    failAll('image worker timed out');
    void worker.terminate();
  }, timeoutMs);
  let nextJobId = 1;
  const fit = async (bytes: Buffer, maxBytes: number): Promise<FittedBytes> => {
    await ready;
    if (failure) throw failure;
    const copy = new Uint8Array(bytes);
    const job: FitJob = { jobId: nextJobId++, bytes: copy, maxBytes };
    const result = await new Promise<FitJobResult>((resolve) => {
      pending.set(job.jobId, resolve);
      worker.postMessage(job, [copy.buffer]);
    });
    if (!result.ok) throw failure ?? new ImageFitError('image could not be fitted');
    return result;
  };
  try {
    return await use(fit);
  } finally {
    clearTimeout(timer);
    worker.removeAllListeners('exit');
    await worker.terminate();
    release();
  }
}
