import { buildCapabilityStatement, type CaseResourceType, isCaseResourceType, toBinary } from '@dermis/core';
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Bundle, FhirResource, Resource } from 'fhir/r4.js';
import { anySignedIn, PUBLIC } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseReader } from './case-in-scope.ts';
import { type FhirSearchParams, readBinary, readFhirResource, searchFhirResources } from './fhir.service.ts';
import { FHIR_JSON, toAppError, toOperationOutcome } from './operation-outcome.ts';

export const FHIR_BASE = '/fhir/R4';
const tags = ['fhir'];
const TypeParams = Type.Object(
  { type: Type.String({ pattern: '^[A-Z][A-Za-z]{1,40}$' }) },
  { additionalProperties: false },
);
const ReadParams = Type.Object(
  { type: TypeParams.properties.type, id: Type.String({ pattern: '^[A-Za-z0-9.-]{1,64}$' }) },
  { additionalProperties: false },
);
const phi = (action: string) => ({ action, objectType: 'fhir_resource' });
/** Fixed for a release: the statement changes only when the code does. */
const CAPABILITY_DATE = '2026-11-25';

function readerOf(request: FastifyRequest): CaseReader {
  const session = request.session;
  if (!session) throw new AppError('UNAUTHENTICATED');
  return { userId: session.user.id, role: session.user.role };
}

function sendFhir(reply: FastifyReply, body: object, status = 200) {
  return reply.code(status).type(FHIR_JSON).header('cache-control', 'no-store').send(JSON.stringify(body));
}

/** Binary as a resource (base64) only when asked for FHIR JSON; otherwise the image itself, as FHIR reads do. */
function wantsFhirJson(request: FastifyRequest): boolean {
  const format = (request.query as { _format?: string })._format;
  if (format !== undefined) return /json/.test(format);
  return /application\/(fhir\+)?json/.test(request.headers.accept ?? '');
}

function caseResourceType(type: string): Exclude<CaseResourceType, 'Binary'> {
  if (!isCaseResourceType(type) || type === 'Binary') throw new AppError('NOT_FOUND');
  return type;
}

/**
 * FHIR R4 reads of the cases a user may see (DESIGN.md "Interoperability"). Encapsulated so its errors are
 * OperationOutcome (application/fhir+json) instead of problem+json; access and audit are the app's hooks.
 */
export function registerFhirRoutes(app: FastifyInstance, p: Platform): void {
  app.register(async (fhir) => {
    fhir.setErrorHandler((error: FastifyError, request, reply) => {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
      return sendFhir(reply, toOperationOutcome(appError), appError.status);
    });

    fhir.get(`${FHIR_BASE}/metadata`, { config: { access: PUBLIC }, schema: { tags } }, async (_request, reply) =>
      sendFhir(
        reply,
        buildCapabilityStatement({
          baseUrl: `${p.config.publicUrl}${FHIR_BASE}`,
          version: '0.1.0',
          date: CAPABILITY_DATE,
        }),
      ),
    );

    fhir.get(
      `${FHIR_BASE}/:type/:id`,
      { config: { access: anySignedIn, phi: phi('fhir.read') }, schema: { tags, params: ReadParams } },
      async (request, reply) => {
        const { type, id } = request.params as { type: string; id: string };
        request.auditTarget = { objectId: `${type}/${id}` };
        if (type === 'Binary') {
          const { value, patientId } = await readBinary(p, readerOf(request), id);
          request.auditTarget = { objectId: `${type}/${id}`, patientId };
          if (wantsFhirJson(request)) {
            return sendFhir(reply, toBinary(id, value.contentType, value.bytes.toString('base64')));
          }
          return reply
            .type(value.contentType)
            .header('cache-control', 'no-store')
            .header('x-content-type-options', 'nosniff')
            .header('content-disposition', 'inline')
            .send(value.bytes);
        }
        const { value, patientId } = await readFhirResource(p, readerOf(request), caseResourceType(type), id);
        request.auditTarget = { objectId: `${type}/${id}`, patientId };
        return sendFhir(reply, value);
      },
    );

    fhir.get(
      `${FHIR_BASE}/:type`,
      { config: { access: anySignedIn, phi: phi('fhir.search') }, schema: { tags, params: TypeParams } },
      async (request, reply) => {
        const { type } = request.params as { type: string };
        const query = request.query as FhirSearchParams;
        const { resources, patientId } = await searchFhirResources(p, readerOf(request), caseResourceType(type), query);
        request.auditTarget = {
          objectId: `${type}?${new URLSearchParams(query as Record<string, string>)}`,
          patientId,
        };
        return sendFhir(reply, searchset(p, type, request.url, resources));
      },
    );
  });
}

function searchset(p: Platform, type: string, url: string, resources: Resource[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    link: [{ relation: 'self', url: `${p.config.publicUrl}${url}` }],
    entry: resources.map((resource) => ({
      fullUrl: `${p.config.publicUrl}${FHIR_BASE}/${type}/${resource.id}`,
      resource: resource as FhirResource,
      search: { mode: 'match' as const },
    })),
  };
}
