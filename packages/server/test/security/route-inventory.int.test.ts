import { randomUUID } from 'node:crypto';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../harness.ts';

// Deny by default (issue 3, "Identity and access"): every route the app registers is enumerated and
// called without a session; only the routes on PUBLIC below may answer anything but 401/404.
//
// How the routes are enumerated: Fastify offers no list of its routes, only a pretty-printed tree.
// Rather than parse that, or add a registry to production code, this file wraps the `fastify`
// factory (vi.mock) so that every instance gets an `onRoute` hook before anything is registered on
// it; the hook sees every route exactly as Fastify registers it, including hidden ones, plugin
// routes and the HEAD routes Fastify adds. The wrapper changes nothing else. As a cross-check, the
// number of method+path pairs must equal what `printRoutes` shows.
const registered = vi.hoisted(() => [] as { method: string; url: string; access: unknown; hidden: boolean }[]);

vi.mock('fastify', async (importOriginal) => {
  const actual = await importOriginal<typeof import('fastify')>();
  const recordingFastify = ((options?: Parameters<typeof actual.default>[0]) => {
    const app = actual.default(options);
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) {
        registered.push({
          method,
          url: route.url,
          access: route.config?.access,
          hidden: (route.schema as { hide?: boolean } | undefined)?.hide === true,
        });
      }
    });
    return app;
  }) as typeof actual.default;
  return { ...actual, default: recordingFastify };
});

/** Reachable without a session, on purpose. Adding a route here is a security decision. */
const PUBLIC = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /openapi.json',
  'GET /*', // the web app's client-side routes (index.html and built assets; never /api/*)
  'POST /api/auth/login',
  'POST /api/auth/signup',
  'POST /api/auth/password-reset/request',
  'POST /api/auth/password-reset/confirm',
  'GET /fhir/R4/metadata', // the FHIR CapabilityStatement: no PHI, read by FHIR clients before they sign in
]);
/** Public and internal: left out of the OpenAPI document. */
const HIDDEN = new Set(['GET /healthz', 'GET /readyz', 'GET /openapi.json', 'GET /*']);

let t: TestApp;
beforeAll(async () => {
  registered.length = 0;
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Method and pattern; HEAD counts as its GET (Fastify adds it, with the GET's access rule). */
const keyOf = (r: { method: string; url: string }) => `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`;
const concreteUrl = (pattern: string) =>
  pattern.replace(/:[A-Za-z]+/g, () => randomUUID()).replace(/\*$/, `no-such-page-${randomUUID()}`);

describe('route inventory', () => {
  it('sees every route Fastify registered (cross-checked against printRoutes)', () => {
    const printed = t.app.printRoutes({ commonPrefix: false });
    const printedCount = [...printed.matchAll(/\(([A-Z, ]+)\)/g)].reduce((n, m) => n + m[1]!.split(',').length, 0);
    expect(registered.length).toBeGreaterThan(10);
    expect(registered).toHaveLength(printedCount);
    for (const route of registered) {
      expect(t.app.hasRoute({ method: route.method as 'GET', url: route.url }), keyOf(route)).toBe(true);
    }
  });

  it('the routes that declare themselves public are exactly the PUBLIC list', () => {
    const declaredPublic = new Set(
      registered.filter((r) => (r.access as { kind?: string } | undefined)?.kind === 'public').map(keyOf),
    );
    expect([...declaredPublic].sort()).toEqual([...PUBLIC].sort());
  });

  it('every route not on the PUBLIC list answers 401 or 404 without a session, whatever is sent', async () => {
    const checked: string[] = [];
    for (const route of registered) {
      const key = keyOf(route);
      const url = concreteUrl(route.url);
      const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(route.method);
      const response = await t.app.inject({
        method: route.method as 'GET',
        url,
        remoteAddress: '192.0.2.180',
        ...(hasBody ? { headers: { 'content-type': 'application/json' }, payload: '{}' } : {}),
      });
      if (PUBLIC.has(key)) {
        expect(response.statusCode, `${route.method} ${url}`).toBeLessThan(500);
        continue;
      }
      expect([401, 404], `${route.method} ${url} answered ${response.statusCode}`).toContain(response.statusCode);
      // FHIR routes answer errors as an OperationOutcome carrying the same code (modules/fhir).
      const isFhir = route.url.startsWith('/fhir/');
      if (route.method !== 'HEAD') {
        expect(response.headers['content-type'], key).toContain(
          isFhir ? 'application/fhir+json' : 'application/problem+json',
        );
        const body = response.json();
        expect(['UNAUTHENTICATED', 'NOT_FOUND']).toContain(isFhir ? body.issue[0].details.coding[0].code : body.code);
      }
      checked.push(key);
    }
    // Not vacuous: the protected surface was actually exercised. Image fetches by signed link are on purpose
    // NOT public: a link is bound to the user it was issued to, so it needs that user's session (DESIGN.md
    // "Image access"); tus upload routes (HEAD counts as GET here) need one too.
    expect(checked).toEqual(
      expect.arrayContaining([
        'GET /api/me',
        'POST /api/admin/users',
        'GET /api/audit/events',
        'GET /api/images/:token',
        'POST /api/uploads',
        'PATCH /api/uploads/:id',
        'GET /api/uploads/:id',
      ]),
    );
  });

  it('the OpenAPI document lists every visible route and marks exactly the public ones with security: []', async () => {
    const doc = (await t.client().get('/openapi.json')).json() as {
      security: unknown;
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(doc.security).toEqual([{ session: [] }]);
    const documented = new Map<string, boolean>();
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const key = `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`;
        documented.set(key, Array.isArray(operation.security) && operation.security.length === 0);
      }
    }
    const visible = new Set(registered.filter((r) => r.method !== 'HEAD' && !HIDDEN.has(keyOf(r))).map(keyOf));
    expect([...documented.keys()].sort()).toEqual([...visible].sort());
    // Hidden routes are hidden on purpose (the list above), and only those.
    expect(new Set(registered.filter((r) => r.hidden).map(keyOf))).toEqual(HIDDEN);
    for (const [key, isMarkedPublic] of documented) {
      expect(isMarkedPublic, key).toBe(PUBLIC.has(key));
    }
  });
});
