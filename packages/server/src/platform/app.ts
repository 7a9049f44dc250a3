import fs from 'node:fs';
import path from 'node:path';
import { Problem } from '@dermis/core';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerAdminRoutes } from '../modules/admin/routes.ts';
import { registerAuditRoutes } from '../modules/audit/routes.ts';
import { registerAuthRoutes } from '../modules/auth/index.ts';
import { registerCaseReviewRoutes } from '../modules/case-review/index.ts';
import { registerCaseRoutes } from '../modules/cases/index.ts';
import { registerEscalationRoutes } from '../modules/escalations/index.ts';
import { registerExportRoutes } from '../modules/exports/index.ts';
import { registerFhirRoutes } from '../modules/fhir/index.ts';
import { registerNotificationRoutes } from '../modules/notifications/index.ts';
import { registerPhotoRequestRoutes } from '../modules/photo-requests/index.ts';
import { registerPhotoRoutes } from '../modules/photos/index.ts';
import { registerResponseRoutes } from '../modules/responses/index.ts';
import { registerReviewRoutes } from '../modules/review/index.ts';
import { PUBLIC } from './access.ts';
import type { Platform } from './context.ts';
import { AppError, problemBody } from './errors.ts';
import { registerAccessHooks } from './http-hooks.ts';
import { assertJsonDepth } from './json-body.ts';

export type App = FastifyInstance;

const BODY_LIMIT = 64 * 1024;

function makeAjv(coerce: boolean) {
  // Bodies are taken as sent: wrong types and unknown fields are errors, never silently fixed.
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
  });
  addFormats.default(ajv);
  ajv.addKeyword({ keyword: 'x-public' });
  return ajv;
}

function mapFrameworkError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    return new AppError('VALIDATION_FAILED', {
      // Path and rule only: the offending value (and unknown key names) are never echoed back.
      errors: error.validation.slice(0, 10).map((v) => ({
        path: `${error.validationContext ?? 'body'}${v.instancePath ?? ''}`,
        message: v.keyword === 'additionalProperties' ? 'must not have unknown properties' : (v.message ?? 'invalid'),
      })),
    });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('BODY_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('MALFORMED_JSON');
  }
  if (error.name === 'SyntaxError' || error.statusCode === 400) return new AppError('MALFORMED_JSON');
  if (error.statusCode === 429) return new AppError('RATE_LIMITED');
  return new AppError('INTERNAL');
}

function isWellFormedJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A URL with broken percent-encoding never reaches routing or the error handler: answer it as a
 * problem like any other bad request (Fastify's default body echoes the URL and is not problem+json).
 */
function answerFrameworkError(_error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  reply
    .code(400)
    .type('application/problem+json')
    .send(problemBody(new AppError('VALIDATION_FAILED')));
}

export async function buildApp(p: Platform): Promise<App> {
  const { tls } = p.config;
  const app = Fastify({
    loggerInstance: p.log,
    trustProxy: p.config.trustProxy,
    bodyLimit: BODY_LIMIT,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    requestIdHeader: false,
    return503OnClosing: true,
    frameworkErrors: answerFrameworkError,
    ...(tls
      ? {
          https: {
            cert: fs.readFileSync(tls.certFile),
            key: fs.readFileSync(tls.keyFile),
            minVersion: 'TLSv1.3' as const,
          },
        }
      : {}),
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as FastifyInstance;

  const bodyAjv = makeAjv(false);
  const paramAjv = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body' ? bodyAjv.compile(schema) : paramAjv.compile(schema),
  );

  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (request, body, done) => {
    try {
      assertJsonDepth(body as string);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    parseJson(request, body as string, (error, value) => {
      // Fastify's parser reports a prototype-poisoning key (`__proto__`, `constructor.prototype`) as
      // invalid JSON; a body that plain JSON.parse accepts was refused for such a key.
      done(error && isWellFormedJson(body as string) ? new AppError('FORBIDDEN_KEY') : error, value);
    });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = mapFrameworkError(error);
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    if (appError.retryAfterSeconds !== undefined) reply.header('retry-after', String(appError.retryAfterSeconds));
    reply.code(appError.status).type('application/problem+json').send(problemBody(appError));
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Dermis API', version: '0.1.0', description: 'Store-and-forward teledermatology.' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: '__Host-dermis_session' } },
        schemas: { Problem },
      },
      security: [{ session: [] }],
    },
    transform: ({ schema, url, route }) => {
      const isPublic = route.config?.access?.kind === 'public';
      return { schema: { ...schema, ...(isPublic ? { security: [] } : {}) } as typeof schema, url };
    },
  });

  registerAccessHooks(app, p);

  app.get('/healthz', { config: { access: PUBLIC }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: PUBLIC }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await p.db.query('SELECT 1');
      return { status: 'ready' };
    } catch {
      return reply
        .code(503)
        .type('application/problem+json')
        .send(problemBody(new AppError('NOT_READY')));
    }
  });
  app.get('/openapi.json', { config: { access: PUBLIC }, schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => {
    registerAuthRoutes(api, p);
    registerAdminRoutes(api, p);
    registerAuditRoutes(api, p);
    registerCaseRoutes(api, p);
    registerPhotoRoutes(api, p);
    registerPhotoRequestRoutes(api, p);
    registerReviewRoutes(api, p);
    registerResponseRoutes(api, p);
    registerCaseReviewRoutes(api, p);
    registerEscalationRoutes(api, p);
    registerFhirRoutes(api, p);
    registerExportRoutes(api, p);
    registerNotificationRoutes(api, p);
  });

  registerWebApp(app, p);
  return app;
}

/** The built web app on the same origin; unknown non-API paths get index.html (client-side routes). */
function registerWebApp(app: FastifyInstance, p: Platform) {
  const root = p.config.webDistDir;
  const hasWeb = fs.existsSync(path.join(root, 'index.html'));
  // cacheControl: false, or the plugin overwrites the cache-control set per file below.
  if (hasWeb) app.register(fastifyStatic, { root, serve: false, decorateReply: true, cacheControl: false });
  app.get('/*', { config: { access: PUBLIC }, schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || !hasWeb) throw new AppError('NOT_FOUND');
    const file = path.normalize(decodeURIComponent(url)).replace(/^(\.\.[/\\])+/, '');
    const full = path.join(root, file);
    if (full.startsWith(root) && file !== '/' && fs.existsSync(full) && fs.statSync(full).isFile()) {
      const isHashed = file.startsWith('/assets/');
      return reply
        .header('cache-control', isHashed ? 'public, max-age=31536000, immutable' : 'no-cache')
        .sendFile(file.slice(1));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  app.setNotFoundHandler((_request, reply) => {
    reply
      .code(404)
      .type('application/problem+json')
      .send(problemBody(new AppError('NOT_FOUND')));
  });
}
