import {
  AcceptConsentBody,
  CaseBodySiteList,
  CaseDetail,
  CaseIdParams,
  CaseList,
  CaseReceipt,
  CaseSummary,
  ConsentQuery,
  ConsentReceipt,
  CreateCaseBody,
  CreateCaseForPatientBody,
  CurrentConsent,
  IntakeState,
  SaveBodySitesBody,
  SaveIntakeBody,
  SubmitCaseBody,
  SubmitCaseHeaders,
} from '@dermis/core';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { anySignedIn, roles } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { callerOf, runAudited } from './case-caller.ts';
import { createCase, listCases, readCase, saveBodySites, saveIntake } from './case-drafts.service.ts';
import { acceptConsent, readCurrentConsent } from './consent.service.ts';
import { replyIdempotently } from './idempotent-reply.ts';
import { createCaseForPatient } from './referred-case.service.ts';
import { submitCase, withdrawCase } from './submit-case.service.ts';

const tags = ['cases'];
// Patients open cases for themselves; referring clinicians (Advice & Guidance) open them for a patient, then
// both use the same draft, intake, body-site, submit and withdraw routes, each within their own scope.
const patient = roles('patient');
const referrer = roles('referring_clinician');
const submitter = roles('patient', 'referring_clinician');
const phi = (action: string) => ({ action, objectType: 'case' });

export function registerCaseRoutes(app: FastifyInstance, p: Platform): void {
  // The consent text is not PHI; any signed-in user (a patient, or a GP attesting the patient's consent) may read it.
  app.get(
    '/api/consent/current',
    { config: { access: anySignedIn }, schema: { tags, querystring: ConsentQuery, response: { 200: CurrentConsent } } },
    async (request) => {
      const locale = (request.query as ConsentQuery).locale ?? request.session?.user.locale ?? 'en';
      return readCurrentConsent(locale);
    },
  );

  app.post(
    '/api/consents',
    {
      config: { access: submitter, phi: { action: 'consent.accept', objectType: 'consent' } },
      schema: { tags, body: AcceptConsentBody, response: { 201: ConsentReceipt } },
    },
    async (request, reply) => {
      const { version, caseId } = request.body as AcceptConsentBody;
      const receipt = await runAudited(request, () => acceptConsent(p, callerOf(p, request), { version, caseId }));
      return reply.code(201).send(receipt);
    },
  );

  app.post(
    '/api/cases',
    {
      config: { access: patient, phi: phi('case.create') },
      schema: { tags, body: CreateCaseBody, response: { 201: CaseSummary } },
    },
    async (request, reply) => {
      const { concern } = request.body as CreateCaseBody;
      const summary = await runAudited(request, () => createCase(p, callerOf(p, request), concern));
      return reply.code(201).send(summary);
    },
  );

  app.post(
    '/api/cases/for-patient',
    {
      config: { access: referrer, phi: phi('case.create') },
      schema: { tags, body: CreateCaseForPatientBody, response: { 201: CaseSummary } },
    },
    async (request, reply) => {
      const body = request.body as CreateCaseForPatientBody;
      const summary = await runAudited(request, () => createCaseForPatient(p, callerOf(p, request), body));
      return reply.code(201).send(summary);
    },
  );

  app.get(
    '/api/cases',
    { config: { access: submitter, phi: phi('case.list') }, schema: { tags, response: { 200: CaseList } } },
    async (request) => {
      const caller = callerOf(p, request);
      request.auditTarget = { objectId: null, patientId: null };
      return { cases: await listCases(p, caller) };
    },
  );

  app.get(
    '/api/cases/:id',
    {
      config: { access: submitter, phi: phi('case.read') },
      schema: { tags, params: CaseIdParams, response: { 200: CaseDetail } },
    },
    async (request) => {
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      const { detail, patientId } = await readCase(p, callerOf(p, request), id);
      request.auditTarget = { objectId: id, patientId };
      return detail;
    },
  );

  app.put(
    '/api/cases/:id/intake',
    {
      config: { access: submitter, phi: phi('case.intake.save') },
      schema: { tags, params: CaseIdParams, body: SaveIntakeBody, response: { 200: IntakeState } },
    },
    async (request) => {
      const { id } = request.params as CaseIdParams;
      const { version, response } = request.body as SaveIntakeBody;
      request.auditTarget = { objectId: id };
      return runAudited(request, () => saveIntake(p, callerOf(p, request), id, version, response));
    },
  );

  app.put(
    '/api/cases/:id/body-sites',
    {
      config: { access: submitter, phi: phi('case.body_sites.save') },
      schema: { tags, params: CaseIdParams, body: SaveBodySitesBody, response: { 200: CaseBodySiteList } },
    },
    async (request) => {
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      const { bodySites } = request.body as SaveBodySitesBody;
      return { bodySites: await runAudited(request, () => saveBodySites(p, callerOf(p, request), id, bodySites)) };
    },
  );

  app.post(
    '/api/cases/:id/submit',
    {
      config: { access: submitter, phi: phi('case.submit') },
      schema: {
        tags,
        params: CaseIdParams,
        headers: SubmitCaseHeaders,
        body: SubmitCaseBody,
        response: { 201: CaseReceipt },
      },
    },
    async (request, reply) => {
      const caller = callerOf(p, request);
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      return replyIdempotently(p, request, reply, {
        userId: caller.userId,
        caseId: id,
        replayAction: 'case.submit.replay',
        run: (key) =>
          runAudited(request, () =>
            submitCase(p, caller, id, {
              intakeVersion: (request.body as SubmitCaseBody).intakeVersion,
              idempotencyKey: key,
            }),
          ),
      });
    },
  );

  app.post(
    '/api/cases/:id/withdraw',
    {
      config: { access: submitter, phi: phi('case.withdraw') },
      schema: {
        tags,
        params: CaseIdParams,
        response: {
          200: Type.Object(
            { id: Type.String({ format: 'uuid' }), status: Type.Literal('withdrawn'), updatedAt: Type.String() },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request) => {
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      return runAudited(request, () => withdrawCase(p, callerOf(p, request), id));
    },
  );
}
