import {
  AdminUser,
  AdminUserList,
  type CreateStaffBody as CreateStaff,
  CreateStaffBody,
  JobIdParams,
  OutboxJobList,
  SpecialistTypeList,
  type UpdateUserBody as UpdateUser,
  UpdateUserBody,
  UserIdParams,
} from '@dermis/core';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { roles } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { actorOf } from '../../platform/http-hooks.ts';
import { listJobs } from '../../platform/outbox.ts';
import { createStaff, listSpecialistTypes, listStaff, resetSecondFactor, retryJob, updateUser } from './service.ts';

const admin = { access: roles('admin') };
const tags = ['admin'];

export function registerAdminRoutes(app: FastifyInstance, p: Platform): void {
  app.get('/api/admin/users', { config: admin, schema: { tags, response: { 200: AdminUserList } } }, async () => ({
    users: await listStaff(p),
  }));

  app.post(
    '/api/admin/users',
    { config: admin, schema: { tags, body: CreateStaffBody, response: { 201: AdminUser } } },
    async (request, reply) => reply.code(201).send(await createStaff(p, actorOf(request), request.body as CreateStaff)),
  );

  app.patch(
    '/api/admin/users/:id',
    { config: admin, schema: { tags, params: UserIdParams, body: UpdateUserBody, response: { 200: AdminUser } } },
    async (request) =>
      updateUser(p, actorOf(request), (request.params as { id: string }).id, request.body as UpdateUser),
  );

  app.post(
    '/api/admin/users/:id/reset-second-factor',
    { config: admin, schema: { tags, params: UserIdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await resetSecondFactor(p, actorOf(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/admin/specialist-types',
    { config: admin, schema: { tags, response: { 200: SpecialistTypeList } } },
    async () => ({ types: await listSpecialistTypes(p) }),
  );

  app.get(
    '/api/admin/outbox',
    {
      config: admin,
      schema: {
        tags,
        querystring: Type.Object(
          { status: Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('dead')]) },
          { additionalProperties: false },
        ),
        response: { 200: OutboxJobList },
      },
    },
    async (request) => ({
      jobs: await listJobs(p.db, (request.query as { status: 'pending' | 'done' | 'dead' }).status),
    }),
  );

  app.post(
    '/api/admin/outbox/:id/retry',
    { config: admin, schema: { tags, params: JobIdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await retryJob(p, actorOf(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );
}
