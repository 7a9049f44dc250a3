import { CaseIdParams } from '@dermis/core';
import type { FastifyInstance } from 'fastify';
import { anySignedIn } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { exportCaseForErs } from './ers-export.service.ts';

/** Whoever may see the case may export it: the scope rule (findCaseInScope) decides, not the route's roles. */
export function registerExportRoutes(app: FastifyInstance, p: Platform): void {
  app.get(
    '/api/cases/:id/export/ers',
    {
      config: { access: anySignedIn, phi: { action: 'case.export.ers', objectType: 'case' } },
      schema: { tags: ['exports'], params: CaseIdParams },
    },
    async (request, reply) => {
      const session = request.session;
      if (!session) throw new AppError('UNAUTHENTICATED');
      const { id } = request.params as CaseIdParams;
      request.auditTarget = { objectId: id };
      const exported = await exportCaseForErs(p, { userId: session.user.id, role: session.user.role }, id);
      request.auditTarget = { objectId: id, patientId: exported.patientId };
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${exported.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(exported.zip.buffer, exported.zip.byteOffset, exported.zip.byteLength));
    },
  );
}
