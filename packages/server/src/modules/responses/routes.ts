import {
  AmendResponseBody,
  CarePlanInfo,
  CarePlanParams,
  CaseIdParams,
  CaseResponses,
  ResponseDraft,
  ResponseDraftConflict,
  SaveResponseDraftBody,
  SignedResponse,
  SignResponseBody,
} from '@dermis/core';
import type { FastifyInstance } from 'fastify';
import { roles } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { problemBody } from '../../platform/errors.ts';
import { callerOf, runAudited } from '../cases/index.ts';
import { readCarePlan, uploadCarePlan } from './care-plan.service.ts';
import { CARE_PLAN_MAX_BYTES } from './care-plan-pdf.ts';
import { ResponseDraftConflictError, readDraft, saveDraft } from './draft.service.ts';
import { signResponse } from './sign-response.service.ts';
import { amendResponse, readCaseResponses } from './signed-responses.service.ts';

const tags = ['responses'];
// Writing, signing and amending: the assigned dermatologist only (scope in findCaseInScope; others get 404).
const dermatologist = roles('dermatologist');
// Reading the signed response: the patient or GP who submitted the case, and the assigned dermatologist.
const readers = roles('patient', 'referring_clinician', 'dermatologist');
const onCase = (action: string) => ({ action, objectType: 'case' });
const onCarePlan = (action: string) => ({ action, objectType: 'care_plan' });

export function registerResponseRoutes(app: FastifyInstance, p: Platform): void {
  // Care plans arrive as raw PDF bytes; one byte over the limit still reaches the handler, which names the limit.
  app.addContentTypeParser(
    'application/pdf',
    { parseAs: 'buffer', bodyLimit: CARE_PLAN_MAX_BYTES + 1 },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/api/cases/:id/response-draft',
    {
      config: { access: dermatologist, phi: onCase('response.draft.read') },
      schema: { tags, params: CaseIdParams, response: { 200: ResponseDraft } },
    },
    async (request) => {
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      return runAudited(request, () => readDraft(p, callerOf(p, request), id));
    },
  );

  app.put(
    '/api/cases/:id/response-draft',
    {
      config: { access: dermatologist, phi: onCase('response.draft.save') },
      schema: {
        tags,
        params: CaseIdParams,
        body: SaveResponseDraftBody,
        response: { 200: ResponseDraft, 409: ResponseDraftConflict },
      },
    },
    async (request, reply) => {
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      try {
        return await runAudited(request, () =>
          saveDraft(p, callerOf(p, request), id, request.body as SaveResponseDraftBody),
        );
      } catch (error) {
        if (!(error instanceof ResponseDraftConflictError)) throw error;
        // Both versions, so the clinician can keep theirs (save again on the stored version) or take the other.
        return reply
          .code(409)
          .type('application/problem+json')
          .send({ ...problemBody(error), stored: error.stored, sent: error.sent });
      }
    },
  );

  app.post(
    '/api/cases/:id/response/sign',
    {
      config: { access: dermatologist, phi: onCase('response.sign') },
      schema: { tags, params: CaseIdParams, body: SignResponseBody, response: { 201: SignedResponse } },
    },
    async (request, reply) => {
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      const { version } = request.body as SignResponseBody;
      const signed = await runAudited(request, () => signResponse(p, callerOf(p, request), id, version));
      return reply.code(201).send(signed);
    },
  );

  app.post(
    '/api/cases/:id/response/amendments',
    {
      config: { access: dermatologist, phi: onCase('response.amend') },
      schema: { tags, params: CaseIdParams, body: AmendResponseBody, response: { 201: SignedResponse } },
    },
    async (request, reply) => {
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      const body = request.body as AmendResponseBody;
      const amended = await runAudited(request, () => amendResponse(p, callerOf(p, request), id, body));
      return reply.code(201).send(amended);
    },
  );

  app.get(
    '/api/cases/:id/response',
    {
      config: { access: readers, phi: onCase('response.read') },
      schema: { tags, params: CaseIdParams, response: { 200: CaseResponses } },
    },
    async (request) => {
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      return runAudited(request, () => readCaseResponses(p, callerOf(p, request), id));
    },
  );

  app.put(
    '/api/cases/:id/response/care-plan',
    {
      config: { access: dermatologist, phi: onCarePlan('response.care_plan.upload') },
      bodyLimit: CARE_PLAN_MAX_BYTES + 1,
      schema: { tags, params: CaseIdParams, response: { 201: CarePlanInfo } },
    },
    async (request, reply) => {
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const info = await runAudited(request, () => uploadCarePlan(p, callerOf(p, request), id, bytes));
      return reply.code(201).send(info);
    },
  );

  app.get(
    '/api/cases/:id/care-plans/:carePlanId',
    {
      config: { access: readers, phi: onCarePlan('response.care_plan.read') },
      schema: { tags, params: CarePlanParams },
    },
    async (request, reply) => {
      const { id, carePlanId } = request.params as CarePlanParams;
      request.auditTarget = { objectId: carePlanId };
      const bytes = await runAudited(request, () => readCarePlan(p, callerOf(p, request), id, carePlanId));
      // A fixed file name: the case number or the patient's name never travels in a header.
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="care-plan.pdf"')
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );
}
