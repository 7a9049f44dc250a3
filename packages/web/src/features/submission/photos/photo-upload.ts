import type { PhotoView, UploadStatus } from '@dermis/core';
import { DetailedError, Upload } from 'tus-js-client';
import { ApiError, api } from '../../../api/client.ts';
import { forgetUploadUrl, rememberedUploadUrl, rememberUploadUrl, uploadMemoryKey } from './upload-memory.ts';

export const UPLOADS_ENDPOINT = '/api/uploads';
/** Bytes per PATCH: on a bad network at most this much is sent again after a drop. */
export const CHUNK_BYTES = 2 * 1024 * 1024;

export type UploadOutcome =
  | { kind: 'accepted'; photoId: string }
  /** The server refused the photo after processing (or at creation): its stable code and the gate's reasons. */
  | { kind: 'rejected'; code: string; reasons: string[] };

export interface UploadCallbacks {
  onProgress: (sent: number, total: number) => void;
  /** All bytes are with the server; it is checking the photo. */
  onProcessing: () => void;
  onOutcome: (outcome: UploadOutcome) => void;
  /** Network trouble after tus's own retries: the upload is paused and can be resumed with `resume()`. */
  onStalled: (error: unknown) => void;
}

/** A draft's photo goes to a body site; a photo asked for after review answers the dermatologist's request. */
export type PhotoUploadTarget = { bodySiteId: string } | { photoRequestId: string };

export interface PhotoUploadInput {
  caseId: string;
  target: PhotoUploadTarget;
  view: PhotoView | null;
  file: File;
  csrfToken: () => string | null;
}

export interface UploadController {
  /** Continue from the server's offset (same upload URL: never a second upload, never from zero). */
  resume: () => void;
  /** Stop sending (e.g. offline); `resume()` continues. */
  pause: () => void;
}

function problemOf(error: unknown): { status: number; code: string; reasons: string[] } | null {
  if (!(error instanceof DetailedError) || !error.originalResponse) return null;
  const status = error.originalResponse.getStatus();
  let code = 'UNKNOWN_ERROR';
  let reasons: string[] = [];
  try {
    const body = JSON.parse(error.originalResponse.getBody() || '{}') as {
      code?: unknown;
      errors?: { code?: unknown }[];
    };
    if (typeof body.code === 'string') code = body.code;
    reasons = (body.errors ?? []).map((e) => e.code).filter((c): c is string => typeof c === 'string');
  } catch {
    // not a problem+json body (tus plain text): the status says enough
  }
  return { status, code, reasons };
}

/** After the last byte the answer may have been lost; the upload's row knows what became of it. */
async function readOutcome(url: string): Promise<UploadOutcome | null> {
  const status = await api.request<UploadStatus>('GET', url);
  if (status.state === 'accepted' && status.photoId) return { kind: 'accepted', photoId: status.photoId };
  if (status.state === 'rejected') {
    return {
      kind: 'rejected',
      code: status.rejection?.code ?? 'PROCESSING_FAILED',
      reasons: status.rejection?.reasons ?? [],
    };
  }
  return null;
}

/**
 * One photo over tus (tus-js-client's browser build: XHR, no Node polyfills): creation with `Upload-Length` and
 * `Upload-Metadata` (caseId, bodySiteId or photoRequestId, view — never the file name), PATCH in chunks, HEAD to resume.
 */
export function startPhotoUpload(input: PhotoUploadInput, callbacks: UploadCallbacks): UploadController {
  const slotId = 'bodySiteId' in input.target ? input.target.bodySiteId : input.target.photoRequestId;
  const memoryKey = uploadMemoryKey(input.caseId, slotId, input.file);
  let finished = false;

  const finish = (outcome: UploadOutcome) => {
    if (finished) return;
    finished = true;
    forgetUploadUrl(memoryKey);
    callbacks.onOutcome(outcome);
  };

  const settleFromServer = async (url: string) => {
    for (let attempt = 0; attempt < 20 && !finished; attempt++) {
      try {
        const outcome = await readOutcome(url);
        if (outcome) return finish(outcome);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return callbacks.onStalled(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    if (!finished) callbacks.onStalled(new ApiError(0, 'UPLOAD_IN_PROGRESS', null));
  };

  const upload = new Upload(input.file, {
    endpoint: UPLOADS_ENDPOINT,
    uploadUrl: rememberedUploadUrl(memoryKey),
    metadata: {
      caseId: input.caseId,
      ...input.target,
      ...(input.view ? { view: input.view } : {}),
    },
    chunkSize: CHUNK_BYTES,
    retryDelays: [0, 1000, 3000, 5000, 10000],
    // We keep the URL ourselves (sessionStorage, keyed by case + site + file), not in tus's localStorage.
    storeFingerprintForResuming: false,
    onBeforeRequest: (request) => {
      const token = input.csrfToken();
      if (token) request.setHeader('X-CSRF-Token', token);
    },
    onUploadUrlAvailable: () => {
      if (upload.url) rememberUploadUrl(memoryKey, upload.url);
    },
    onProgress: (sent, total) => {
      callbacks.onProgress(sent, total);
      if (sent === total) callbacks.onProcessing();
    },
    onSuccess: ({ lastResponse }) => {
      const photoId = lastResponse.getHeader('dermis-photo-id');
      if (photoId) finish({ kind: 'accepted', photoId });
      // Resumed an upload that had already finished (HEAD said complete): ask the server what became of it.
      else if (upload.url) void settleFromServer(new URL(upload.url, window.location.href).pathname);
    },
    onError: (error) => {
      const problem = problemOf(error);
      if (
        problem &&
        problem.status >= 400 &&
        problem.status < 500 &&
        problem.status !== 409 &&
        problem.status !== 423
      ) {
        // A refusal with a stable code (quality gate, format, size, limit, case no longer a draft): final.
        return finish({ kind: 'rejected', code: problem.code, reasons: problem.reasons });
      }
      callbacks.onStalled(error);
    },
  });
  upload.start();

  return {
    resume: () => {
      if (!finished) upload.start();
    },
    pause: () => {
      if (!finished) void upload.abort(false);
    },
  };
}
