import { ClaimState, QueuePage, QueueQuery, ReassignBody, ReviewCaseParams } from '@dermis/core';
import type { FastifyInstance } from 'fastify';
import { roles } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { callerOf, runAudited } from '../cases/index.ts';
import { claimCase, reassignCase, releaseCase } from './claim.service.ts';
import { readQueuePage } from './queue.service.ts';

const tags = ['review'];
const dermatologist = roles('dermatologist');
const admin = roles('admin');
const onCase = (action: string) => ({ action, objectType: 'case' });

export function registerReviewRoutes(app: FastifyInstance, p: Platform): void {
  app.get(
    '/api/review/queue',
    {
      config: { access: dermatologist, phi: { action: 'review.queue.read', objectType: 'queue' } },
      schema: { tags, querystring: QueueQuery, response: { 200: QueuePage } },
    },
    async (request) => readQueuePage(p, callerOf(p, request).userId, request.query as QueueQuery),
  );

  app.post(
    '/api/review/cases/:id/claim',
    {
      config: { access: dermatologist, phi: onCase('review.claim') },
      schema: { tags, params: ReviewCaseParams, response: { 200: ClaimState } },
    },
    async (request) => {
      const { id } = request.params as ReviewCaseParams;
      request.auditTarget = { objectId: id };
      return runAudited(request, () => claimCase(p, callerOf(p, request), id));
    },
  );

  app.post(
    '/api/review/cases/:id/release',
    {
      config: { access: dermatologist, phi: onCase('review.release') },
      schema: { tags, params: ReviewCaseParams, response: { 200: ClaimState } },
    },
    async (request) => {
      const { id } = request.params as ReviewCaseParams;
      request.auditTarget = { objectId: id };
      return runAudited(request, () => releaseCase(p, callerOf(p, request), id));
    },
  );

  app.post(
    '/api/review/cases/:id/reassign',
    {
      config: { access: admin, phi: onCase('review.reassign') },
      schema: { tags, params: ReviewCaseParams, body: ReassignBody, response: { 200: ClaimState } },
    },
    async (request) => {
      const { id } = request.params as ReviewCaseParams;
      const { dermatologistId } = request.body as ReassignBody;
      request.auditTarget = { objectId: id };
      return runAudited(request, () => reassignCase(p, callerOf(p, request), id, dermatologistId));
    },
  );
}
