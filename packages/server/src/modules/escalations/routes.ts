import {
  ConsultationAmendmentBody,
  ConsultationContent,
  EscalateBody,
  Escalation,
  EscalationList,
  EscalationParams,
  OverdueEscalationList,
  ReviewCaseParams,
  SpecialistAvailability,
  SpecialistAvailabilityBody,
  SpecialistCaseView,
  SpecialistQueue,
  UserIdParams,
} from '@dermis/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { roles } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { callerOf, runAudited } from '../cases/index.ts';
import { listOverdueEscalations, setSpecialistAvailability } from './directory.service.ts';
import { escalateCase, readCaseEscalations, withdrawEscalation } from './escalate.service.ts';
import { signConsultation } from './sign-consultation.service.ts';
import {
  amendConsultation,
  claimEscalation,
  readSpecialistCase,
  readSpecialistQueue,
  type SpecialistCaller,
  saveConsultationDraft,
} from './specialist.service.ts';

const tags = ['escalations'];
const dermatologist = roles('dermatologist');
const specialist = roles('specialist');
const admin = roles('admin');
const onCase = (action: string) => ({ action, objectType: 'case' });
const onEscalation = (action: string) => ({ action, objectType: 'escalation' });

function specialistOf(p: Platform, request: FastifyRequest): SpecialistCaller {
  const specialistType = request.session?.user.specialist_type;
  if (!specialistType) throw new AppError('NOT_FOUND');
  return { ...callerOf(p, request), specialistType };
}

/** Runs an escalation use case for `:id`, audited (a failure or 404 is recorded by the PHI hook instead). */
function onId<T>(request: FastifyRequest, useCase: (id: string) => Promise<T>): Promise<T> {
  const { id } = request.params as EscalationParams;
  request.auditTarget = { objectId: id };
  return runAudited(request, () => useCase(id));
}

export function registerEscalationRoutes(app: FastifyInstance, p: Platform): void {
  // ---- The assigned dermatologist ----
  app.post(
    '/api/review/cases/:id/escalations',
    {
      config: { access: dermatologist, phi: onCase('escalation.create') },
      schema: { tags, params: ReviewCaseParams, body: EscalateBody, response: { 201: Escalation } },
    },
    async (request, reply) => {
      const created = await onId(request, (id) =>
        escalateCase(p, callerOf(p, request), id, request.body as EscalateBody),
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/review/cases/:id/escalations',
    {
      config: { access: dermatologist, phi: onCase('escalation.list') },
      schema: { tags, params: ReviewCaseParams, response: { 200: EscalationList } },
    },
    async (request) => ({ escalations: await onId(request, (id) => readCaseEscalations(p, callerOf(p, request), id)) }),
  );

  app.post(
    '/api/review/escalations/:id/withdraw',
    {
      config: { access: dermatologist, phi: onEscalation('escalation.withdraw') },
      schema: { tags, params: EscalationParams, response: { 200: Escalation } },
    },
    async (request) => onId(request, (id) => withdrawEscalation(p, callerOf(p, request), id)),
  );

  // ---- Specialists ----
  app.get(
    '/api/specialist/queue',
    {
      config: { access: specialist, phi: { action: 'escalation.queue.read', objectType: 'queue' } },
      schema: { tags, response: { 200: SpecialistQueue } },
    },
    async (request) => readSpecialistQueue(p, specialistOf(p, request)),
  );

  app.post(
    '/api/specialist/escalations/:id/claim',
    {
      config: { access: specialist, phi: onEscalation('escalation.claim') },
      schema: { tags, params: EscalationParams, response: { 200: Escalation } },
    },
    async (request) => onId(request, (id) => claimEscalation(p, specialistOf(p, request), id)),
  );

  app.get(
    '/api/specialist/escalations/:id',
    {
      config: { access: specialist, phi: onEscalation('escalation.case.read') },
      schema: { tags, params: EscalationParams, response: { 200: SpecialistCaseView } },
    },
    async (request) => onId(request, (id) => readSpecialistCase(p, specialistOf(p, request), id)),
  );

  app.put(
    '/api/specialist/escalations/:id/draft',
    {
      config: { access: specialist, phi: onEscalation('escalation.draft.save') },
      schema: { tags, params: EscalationParams, body: ConsultationContent, response: { 200: ConsultationContent } },
    },
    async (request) =>
      onId(request, (id) =>
        saveConsultationDraft(p, specialistOf(p, request), id, request.body as ConsultationContent),
      ),
  );

  app.post(
    '/api/specialist/escalations/:id/sign',
    {
      config: { access: specialist, phi: onEscalation('escalation.note.sign') },
      schema: { tags, params: EscalationParams, response: { 200: Escalation } },
    },
    async (request) => onId(request, (id) => signConsultation(p, specialistOf(p, request), id)),
  );

  app.post(
    '/api/specialist/escalations/:id/amendments',
    {
      config: { access: specialist, phi: onEscalation('escalation.note.amend') },
      schema: { tags, params: EscalationParams, body: ConsultationAmendmentBody, response: { 201: Escalation } },
    },
    async (request, reply) => {
      const body = request.body as ConsultationAmendmentBody;
      return reply
        .code(201)
        .send(await onId(request, (id) => amendConsultation(p, specialistOf(p, request), id, body)));
    },
  );

  // ---- Admins: the rota and governance (metadata only) ----
  app.put(
    '/api/admin/specialists/:id/availability',
    {
      config: { access: admin },
      schema: {
        tags,
        params: UserIdParams,
        body: SpecialistAvailabilityBody,
        response: { 200: SpecialistAvailability },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const { isAvailable } = request.body as SpecialistAvailabilityBody;
      return setSpecialistAvailability(p, callerOf(p, request), id, isAvailable);
    },
  );

  app.get(
    '/api/admin/escalations/overdue',
    {
      config: { access: admin, phi: { action: 'escalation.overdue.read', objectType: 'escalation' } },
      schema: { tags, response: { 200: OverdueEscalationList } },
    },
    async () => listOverdueEscalations(p),
  );
}
