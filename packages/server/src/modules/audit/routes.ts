import { AuditEventPage, AuditQuery, type AuditQuery as AuditQueryType, AuditVerification } from '@dermis/core';
import type { FastifyInstance } from 'fastify';
import { roles } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { listAuditEvents, verifyChain } from './service.ts';

const tags = ['audit'];

export function registerAuditRoutes(app: FastifyInstance, p: Platform): void {
  // Reading the audit log is itself audited (it names patients by id).
  app.get(
    '/api/audit/events',
    {
      config: { access: roles('auditor'), phi: { action: 'audit.read', objectType: 'audit_log' } },
      schema: { tags, querystring: AuditQuery, response: { 200: AuditEventPage } },
    },
    async (request) => listAuditEvents(p, request.query as AuditQueryType),
  );

  app.get(
    '/api/audit/verify',
    {
      config: { access: roles('auditor'), phi: { action: 'audit.verify', objectType: 'audit_log' } },
      schema: { tags, response: { 200: AuditVerification } },
    },
    async () => verifyChain(p),
  );
}
