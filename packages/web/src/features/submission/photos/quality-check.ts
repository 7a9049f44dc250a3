import type { QualityResponse, QualityResult } from './quality-protocol.ts';

export type { QualityResult };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (result: QualityResult) => void>();

function workerOf(): Worker {
  if (worker) return worker;
  // Vite emits the worker as its own file under /assets: allowed by `script-src 'self'` (worker-src falls back).
  worker = new Worker(new URL('./quality-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<QualityResponse>) => {
    const { id, ...result } = event.data;
    pending.get(id)?.(result);
    pending.delete(id);
  };
  worker.onerror = () => {
    // A broken worker must not block the patient: every waiting photo goes to the server's check instead.
    for (const resolve of pending.values()) resolve({ kind: 'undecodable', ms: 0 });
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/** Checks one photo on the device (in a Web Worker) with core's quality gate. Never rejects. */
export function checkPhotoOnDevice(file: Blob): Promise<QualityResult> {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
    return Promise.resolve({ kind: 'undecodable', ms: 0 });
  }
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    workerOf().postMessage({ id, file });
  });
}
