import { CaseIdParams, CasePhotoRequests, SendRequestedPhotosHeaders, SentPhotosReceipt } from '@dermis/core';
import type { FastifyInstance } from 'fastify';
import { roles } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { callerOf, replyIdempotently, runAudited } from '../cases/index.ts';
import { readPhotoRequests } from './photo-requests.service.ts';
import { sendRequestedPhotos } from './send-photos.service.ts';

const tags = ['photo-requests'];
// The case's submitter answers the dermatologist's requests: the patient, or the referring GP who sent it.
const submitters = roles('patient', 'referring_clinician');
const phi = (action: string) => ({ action, objectType: 'case' });

export function registerPhotoRequestRoutes(app: FastifyInstance, p: Platform): void {
  app.get(
    '/api/cases/:id/photo-requests',
    {
      config: { access: submitters, phi: phi('photo_requests.read') },
      schema: { tags, params: CaseIdParams, response: { 200: CasePhotoRequests } },
    },
    async (request) => {
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      return runAudited(request, () => readPhotoRequests(p, callerOf(p, request), id));
    },
  );

  // Photos are uploaded first (tus, with the request id in Upload-Metadata); this sends them to the dermatologist.
  app.post(
    '/api/cases/:id/photo-requests/send',
    {
      config: { access: submitters, phi: phi('photo_requests.send') },
      schema: { tags, params: CaseIdParams, headers: SendRequestedPhotosHeaders, response: { 200: SentPhotosReceipt } },
    },
    async (request, reply) => {
      const caller = callerOf(p, request);
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      return replyIdempotently(p, request, reply, {
        userId: caller.userId,
        caseId: id,
        replayAction: 'photo_requests.send.replay',
        run: (key) => runAudited(request, () => sendRequestedPhotos(p, caller, id, key)),
      });
    },
  );
}
