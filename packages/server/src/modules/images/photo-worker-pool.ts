import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PhotoJob, PhotoJobResult, PhotoWorkerData } from './photo-worker.ts';
import { DEFAULT_PHOTO_LIMITS, type PhotoLimits, type ProcessedPhoto } from './process-photo.ts';
import type { ImageRejectionCode } from './rejection-codes.ts';

export type PhotoOutcome = ({ ok: true } & ProcessedPhoto) | { ok: false; code: ImageRejectionCode };

/** What to process: bytes in memory, or a file the worker reads itself (its size checked before reading). */
export type PhotoInput = Buffer | Uint8Array | { path: string };

export interface PhotoWorkerPoolOptions {
  /** Workers; default one per core, at most 4 (each holds up to one decoded master). */
  size?: number;
  /** A job running longer is stopped (its worker terminated) and answered PROCESSING_TIMEOUT. */
  timeoutMs?: number;
  /** V8 heap per worker: pixels live outside it (libvips, Buffers), JavaScript state does not need more. */
  maxOldGenerationSizeMb?: number;
  limits?: PhotoLimits;
  /** libvips threads (process-wide). Default: libvips' own choice (one per core). */
  sharpConcurrency?: number;
}

interface Pending {
  job: PhotoJob;
  transfer: ArrayBuffer[];
  timeoutMs: number;
  resolve: (outcome: PhotoOutcome) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current?: Pending & { timer: NodeJS.Timeout };
}

const ENTRY = new URL('./photo-worker-entry.mjs', import.meta.url);

/**
 * Decodes photos away from the API's event loop (DESIGN.md "image decoding isolation"). A hostile file can
 * cost a worker, never the process: a job past its time limit has its worker terminated, a worker that dies
 * (heap limit, crash) answers PROCESSING_FAILED, and either way a fresh worker takes its place.
 */
export class PhotoWorkerPool {
  readonly #slots = new Set<Slot>();
  readonly #queue: Pending[] = [];
  readonly #options: Required<Omit<PhotoWorkerPoolOptions, 'sharpConcurrency'>> & { sharpConcurrency?: number };
  #nextJobId = 1;
  #closed = false;

  constructor(options: PhotoWorkerPoolOptions = {}) {
    this.#options = {
      size: options.size ?? Math.min(4, Math.max(1, os.availableParallelism())),
      timeoutMs: options.timeoutMs ?? 30_000,
      maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? 256,
      limits: options.limits ?? DEFAULT_PHOTO_LIMITS,
      ...(options.sharpConcurrency ? { sharpConcurrency: options.sharpConcurrency } : {}),
    };
    for (let i = 0; i < this.#options.size; i++) this.#spawn();
  }

  /** Processes one photo. Never throws for a bad file: the outcome carries the stable rejection code. */
  process(input: PhotoInput, options: { timeoutMs?: number; limits?: PhotoLimits } = {}): Promise<PhotoOutcome> {
    if (this.#closed) return Promise.reject(new Error('photo worker pool is closed'));
    const limits = options.limits ?? this.#options.limits;
    const jobId = this.#nextJobId++;
    let job: PhotoJob;
    let transfer: ArrayBuffer[] = [];
    if ('path' in input && !(input instanceof Uint8Array)) {
      job = { jobId, path: input.path, limits };
    } else {
      if (input.length === 0) return Promise.resolve({ ok: false, code: 'FILE_EMPTY' });
      if (input.length > limits.maxBytes) return Promise.resolve({ ok: false, code: 'FILE_TOO_LARGE' });
      // a copy of exactly these bytes, moved (not cloned) to the worker; the caller keeps its buffer
      const bytes = new Uint8Array(input);
      job = { jobId, bytes, limits };
      transfer = [bytes.buffer];
    }
    return new Promise((resolve) => {
      this.#queue.push({ job, transfer, timeoutMs: options.timeoutMs ?? this.#options.timeoutMs, resolve });
      this.#dispatch();
    });
  }

  /** Stops every worker; queued jobs are answered PROCESSING_FAILED. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#queue.splice(0)) pending.resolve({ ok: false, code: 'PROCESSING_FAILED' });
    const slots = [...this.#slots];
    this.#slots.clear();
    await Promise.all(
      slots.map((slot) => {
        if (slot.current) {
          clearTimeout(slot.current.timer);
          slot.current.resolve({ ok: false, code: 'PROCESSING_FAILED' });
        }
        return slot.worker.terminate();
      }),
    );
  }

  /** Worker thread ids, for tests that check a stuck worker was replaced. */
  get threadIds(): number[] {
    return [...this.#slots].map((s) => s.worker.threadId);
  }

  #spawn(): void {
    const workerData: PhotoWorkerData = { sharpConcurrency: this.#options.sharpConcurrency };
    const worker = new Worker(ENTRY, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.#options.maxOldGenerationSizeMb },
    });
    const slot: Slot = { worker, ready: false };
    this.#slots.add(slot);
    worker.on('message', (message: PhotoJobResult | { ready: true }) => {
      if ('ready' in message) {
        slot.ready = true;
      } else if (slot.current && message.jobId === slot.current.job.jobId) {
        const { resolve, timer } = slot.current;
        clearTimeout(timer);
        slot.current = undefined;
        resolve(revive(message));
      }
      this.#dispatch();
    });
    const fail = () => this.#replace(slot, 'PROCESSING_FAILED');
    worker.on('error', fail);
    worker.on('exit', fail);
  }

  /** Ends a worker that failed or ran out of time, answers its job, and starts a replacement. */
  #replace(slot: Slot, code: ImageRejectionCode): void {
    if (!this.#slots.delete(slot)) return;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    if (slot.current) {
      clearTimeout(slot.current.timer);
      slot.current.resolve({ ok: false, code });
      slot.current = undefined;
    }
    if (!this.#closed) {
      this.#spawn();
      this.#dispatch();
    }
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (!slot.ready || slot.current) continue;
      const pending = this.#queue.shift()!;
      // the clock starts when a worker takes the job: start-up and waiting in the queue do not count
      const timer = setTimeout(() => this.#replace(slot, 'PROCESSING_TIMEOUT'), pending.timeoutMs);
      slot.current = { ...pending, timer };
      slot.worker.postMessage(pending.job, pending.transfer);
    }
  }
}

function revive(message: PhotoJobResult): PhotoOutcome {
  if (!message.ok) return { ok: false, code: message.code };
  const d = message.photo.derivatives as unknown as Record<'master' | 'preview' | 'thumbnail', Uint8Array>;
  const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  return {
    ok: true,
    ...message.photo,
    derivatives: { master: asBuffer(d.master), preview: asBuffer(d.preview), thumbnail: asBuffer(d.thumbnail) },
  };
}
