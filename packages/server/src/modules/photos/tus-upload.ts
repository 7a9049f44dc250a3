import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { Server } from '@tus/server';
import type { FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { DEFAULT_PHOTO_LIMITS, type PhotoWorkerPool } from '../images/index.ts';
import type { PhotoActor } from './photo-scope.ts';
import type { PhotoStorage } from './photo-storage.ts';
import { completeUpload, parseUploadMetadata, rejectionError, reserveUpload } from './upload.service.ts';

export const UPLOADS_PATH = '/api/uploads';
/** On the final PATCH (and its replays): the photo the upload became. */
export const PHOTO_ID_HEADER = 'dermis-photo-id';

/** What the Fastify route knows about one tus request: who sends it, and the problem to answer, if any. */
interface TusCall {
  request: FastifyRequest;
  actor: PhotoActor;
  problem: AppError | null;
}

const calls = new WeakMap<Request, TusCall>();

function callOf(req: Request): TusCall {
  const call = calls.get(req);
  if (!call) throw new AppError('INTERNAL');
  return call;
}

/** A use case inside a tus hook; its transaction rolled back on error, so its audit row is not there either. */
async function audited<T>(call: TusCall, useCase: () => Promise<T>): Promise<T> {
  try {
    return await useCase();
  } catch (error) {
    call.request.audited = false;
    throw error;
  }
}

/**
 * The tus protocol (creation, HEAD, PATCH; `@tus/server`) over the encrypted upload store. tus owns offsets,
 * locking per upload and the wire format; Dermis owns the rules, in two hooks: creation reserves a photo slot
 * for the signed-in owner's case and body site, and the end of the upload runs the image pipeline.
 */
export function createTusServer(p: Platform, deps: { pool: () => PhotoWorkerPool; storage: PhotoStorage }): Server {
  return new Server({
    path: UPLOADS_PATH,
    datastore: deps.storage.uploads,
    maxSize: DEFAULT_PHOTO_LIMITS.maxBytes,
    relativeLocation: true,
    // Same origin only: no CORS header is ever sent.
    allowedOrigins: [],
    namingFunction: () => randomBytes(16).toString('hex'),
    onUploadCreate: async (req, upload) => {
      const call = callOf(req);
      const metadata = parseUploadMetadata(upload.metadata);
      await audited(call, () => reserveUpload(p, call.actor, { uploadId: upload.id, size: upload.size, metadata }));
      // Only the ids are kept with the upload (the file name, if a client sent one, is dropped unread).
      return {
        metadata: {
          caseId: metadata.caseId,
          ...(metadata.bodySiteId ? { bodySiteId: metadata.bodySiteId } : {}),
          ...(metadata.view ? { view: metadata.view } : {}),
          ...(metadata.photoRequestId ? { photoRequestId: metadata.photoRequestId } : {}),
        },
      };
    },
    onUploadFinish: async (req, upload) => {
      const call = callOf(req);
      const outcome = await audited(call, () =>
        completeUpload(p, { pool: deps.pool(), storage: deps.storage }, call.actor, upload.id),
      );
      if (outcome.kind === 'rejected') throw rejectionError(outcome.code, outcome.reasons);
      return { headers: { [PHOTO_ID_HEADER]: outcome.photoId } };
    },
    onResponseError: (req, error) => {
      if (!(error instanceof AppError)) return undefined;
      callOf(req).problem = error;
      return { status_code: error.status, body: '' };
    },
  });
}

/** tus answers its own protocol errors in plain text; the API answers every error as a problem with a code. */
function problemForTusStatus(status: number): AppError {
  if (status === 404 || status === 410) return new AppError('NOT_FOUND');
  if (status === 409) return new AppError('UPLOAD_OFFSET_CONFLICT');
  if (status === 413) return new AppError('FILE_TOO_LARGE');
  if (status >= 500 && status !== 501) return new AppError('INTERNAL');
  return new AppError('VALIDATION_FAILED');
}

function toWebRequest(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody =
    (request.method === 'PATCH' || request.method === 'POST') &&
    String(request.headers['content-type'] ?? '').startsWith('application/offset+octet-stream');
  return new Request(new URL(request.url, 'http://dermis.internal'), {
    method: request.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(request.raw) as unknown as ReadableStream, duplex: 'half' as const } : {}),
  } as RequestInit);
}

export interface TusAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

/** Runs one tus request for the signed-in `actor`; an error comes back as an AppError for the API's handler. */
export async function forwardToTus(server: Server, request: FastifyRequest, actor: PhotoActor): Promise<TusAnswer> {
  const call: TusCall = { request, actor, problem: null };
  const web = toWebRequest(request);
  calls.set(web, call);
  const response = await server.handleWeb(web);
  if (call.problem) throw call.problem;
  if (response.status >= 400) throw problemForTusStatus(response.status);
  const headers = [...response.headers].filter(([name]) => !/^(access-control-|content-length$)/i.test(name));
  const body = response.status === 204 || request.method === 'HEAD' ? '' : await response.text();
  return { status: response.status, headers, body };
}
