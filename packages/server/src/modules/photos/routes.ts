import {
  CaseIdParams,
  ImageTokenParams,
  PhotoIdParams,
  PhotoLinks,
  PhotoList,
  UploadIdParams,
  UploadStatus,
} from '@dermis/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { anySignedIn, roles } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { auditRequest } from '../../platform/http-hooks.ts';
import { DEFAULT_PHOTO_LIMITS, PhotoWorkerPool } from '../images/index.ts';
import type { PhotoActor } from './photo-scope.ts';
import { photoStorage } from './photo-storage.ts';
import { deleteDraftPhoto, issuePhotoLinks, listCasePhotos, readLinkedImage } from './photos.service.ts';
import { findUploadForOwner } from './store.ts';
import { createTusServer, forwardToTus, PHOTO_ID_HEADER, type TusAnswer, UPLOADS_PATH } from './tus-upload.ts';
import { readUploadStatus, recordedOutcome, rejectionError } from './upload.service.ts';

const tags = ['photos'];
// Whoever submits a case (the patient, or the referring clinician who opened it for a patient) uploads and
// views its photos; which cases each may touch is the cases module's scope (photo-scope.ts).
const submitters = roles('patient', 'referring_clinician');
const uploadPhi = (action: string) => ({ action, objectType: 'photo_upload' });
const photoPhi = (action: string) => ({ action, objectType: 'photo' });
/** A PATCH carries at most one photo; tus itself stops a body at the upload's declared length. */
const UPLOAD_BODY_LIMIT = DEFAULT_PHOTO_LIMITS.maxBytes + 1024 * 1024;

function actorOf(p: Platform, request: FastifyRequest): PhotoActor {
  const session = request.session;
  if (!session) throw new AppError('UNAUTHENTICATED');
  return {
    userId: session.user.id,
    role: session.user.role,
    audit: (tx, entry) => auditRequest(p, request, tx, { ...entry, outcome: 'success' }),
  };
}

async function runAudited<T>(request: FastifyRequest, useCase: () => Promise<T>): Promise<T> {
  try {
    return await useCase();
  } catch (error) {
    request.audited = false;
    throw error;
  }
}

function send(reply: FastifyReply, answer: TusAnswer) {
  for (const [name, value] of answer.headers) reply.header(name, value);
  return reply.code(answer.status).send(answer.body === '' ? undefined : answer.body);
}

export function registerPhotoRoutes(app: FastifyInstance, p: Platform): void {
  const storage = photoStorage(p);
  // Worker threads start with the first finished upload, not with every app (tests build many).
  let pool: PhotoWorkerPool | null = null;
  const poolOf = () => {
    pool ??= new PhotoWorkerPool();
    return pool;
  };
  app.addHook('onClose', async () => {
    await pool?.close();
  });
  const tus = createTusServer(p, { pool: poolOf, storage });

  // tus bodies are streamed to the encrypted store as they arrive, never parsed or buffered whole.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

  app.post(
    UPLOADS_PATH,
    {
      config: { access: submitters, phi: uploadPhi('photo.upload.create') },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: { tags },
    },
    async (request, reply) =>
      send(reply, await runAudited(request, () => forwardToTus(tus, request, actorOf(p, request)))),
  );

  /**
   * An upload that already finished is answered from its row (its encrypted bytes are gone): HEAD reports it
   * complete, and a repeated final PATCH gets the first answer again; it never makes a second photo.
   */
  const answerFinished = async (request: FastifyRequest, reply: FastifyReply, id: string) => {
    const actor = actorOf(p, request);
    const row = await findUploadForOwner(p.db, actor.userId, id);
    request.auditTarget = { objectId: id };
    if (!row || row.state === 'abandoned') throw new AppError('NOT_FOUND');
    const outcome = recordedOutcome(row);
    if (!outcome) return null;
    const size = String(row.size);
    reply.header('tus-resumable', '1.0.0').header('upload-offset', size).header('upload-length', size);
    if (request.method === 'HEAD') return reply.code(200).send();
    if (request.headers['upload-offset'] !== size) throw new AppError('UPLOAD_OFFSET_CONFLICT');
    if (outcome.kind === 'rejected') throw rejectionError(outcome.code, outcome.reasons);
    return reply.header(PHOTO_ID_HEADER, outcome.photoId).code(204).send();
  };

  // Registered before the GET below, so Fastify keeps this HEAD instead of deriving one from the GET.
  app.head(
    `${UPLOADS_PATH}/:id`,
    { config: { access: submitters, phi: uploadPhi('photo.upload.offset') }, schema: { tags, params: UploadIdParams } },
    async (request, reply) => {
      const { id } = request.params as UploadIdParams;
      return (
        (await answerFinished(request, reply, id)) ?? send(reply, await forwardToTus(tus, request, actorOf(p, request)))
      );
    },
  );

  app.patch(
    `${UPLOADS_PATH}/:id`,
    {
      config: { access: submitters, phi: uploadPhi('photo.upload.write') },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: { tags, params: UploadIdParams },
    },
    async (request, reply) => {
      const { id } = request.params as UploadIdParams;
      return (
        (await answerFinished(request, reply, id)) ??
        send(reply, await runAudited(request, () => forwardToTus(tus, request, actorOf(p, request))))
      );
    },
  );

  app.get(
    `${UPLOADS_PATH}/:id`,
    {
      config: { access: submitters, phi: uploadPhi('photo.upload.read') },
      schema: { tags, params: UploadIdParams, response: { 200: UploadStatus } },
    },
    async (request) => {
      const { id } = request.params as UploadIdParams;
      request.auditTarget = { objectId: id };
      return readUploadStatus(p, actorOf(p, request), id);
    },
  );

  app.get(
    '/api/cases/:id/photos',
    {
      config: { access: submitters, phi: photoPhi('photo.list') },
      schema: { tags, params: CaseIdParams, response: { 200: PhotoList } },
    },
    async (request) => {
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      const { photos, patientId } = await listCasePhotos(p, actorOf(p, request), id);
      request.auditTarget = { objectId: id, patientId };
      return { photos };
    },
  );

  app.delete(
    '/api/photos/:id',
    { config: { access: submitters, phi: photoPhi('photo.delete') }, schema: { tags, params: PhotoIdParams } },
    async (request, reply) => {
      const { id } = request.params as PhotoIdParams;
      request.auditTarget = { objectId: id };
      await runAudited(request, () => deleteDraftPhoto(p, storage, actorOf(p, request), id));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/photos/:id/links',
    {
      config: { access: submitters, phi: photoPhi('photo.link') },
      schema: { tags, params: PhotoIdParams, response: { 200: PhotoLinks } },
    },
    async (request) => {
      const { id } = request.params as PhotoIdParams;
      request.auditTarget = { objectId: id };
      const { links, patientId } = await issuePhotoLinks(p, actorOf(p, request), id);
      request.auditTarget = { objectId: id, patientId };
      return links;
    },
  );

  // Not public: a link works only in the session of the user it was issued to (signed-url.ts). Any role may
  // call it; whether the photo is theirs to see is decided by the scope rule, on every fetch.
  app.get(
    '/api/images/:token',
    {
      config: { access: anySignedIn, phi: photoPhi('photo.read') },
      schema: { tags, params: ImageTokenParams },
    },
    async (request, reply) => {
      const { token } = request.params as ImageTokenParams;
      const bytes = await runAudited(request, () => readLinkedImage(p, storage, actorOf(p, request), token));
      return reply
        .header('content-type', 'image/jpeg')
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'inline')
        .send(bytes);
    },
  );
}
