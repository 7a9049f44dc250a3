import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { PUBLIC } from './access.ts';
import { type App, buildApp } from './app.ts';
import { openMigratedDatabase } from './db.ts';
import { migrate } from './migrate.ts';

let t: TestApp;
let tmp: string;
beforeAll(async () => {
  t = await startTestApp();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-app-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function cspDirectives(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe('string');
  return new Map(
    (header as string)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectSecurityHeaders(headers: Record<string, unknown>) {
  const csp = cspDirectives(headers['content-security-policy']);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  for (const [name, values] of csp) {
    expect(values, name).not.toContain("'unsafe-inline'");
    expect(values, name).not.toContain("'unsafe-eval'");
  }
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  // Plain HTTP: HSTS would be ignored by browsers and would break a laptop on http://localhost.
  expect(headers['strict-transport-security']).toBeUndefined();
  expect(headers['x-powered-by']).toBeUndefined();
}

describe('security headers', () => {
  it.each([
    ['an API success', '/api/auth/password-reset/request', 'POST', 202],
    ['an API error', '/api/me', 'GET', 401],
    ['an unknown API path', '/api/does-not-exist', 'GET', 404],
  ])('on %s: CSP, nosniff, no-store, no HSTS without TLS', async (_name, url, method, status) => {
    const response =
      method === 'POST' ? await t.client().post(url, { email: 'someone@example.org' }) : await t.client().get(url);
    expect(response.statusCode).toBe(status);
    expectSecurityHeaders(response.headers);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('on the health check too', async () => {
    const response = await t.client().get('/healthz');
    expectSecurityHeaders(response.headers);
  });
});

describe('the web app on the same origin', () => {
  let web: App;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = path.join(tmp, 'web-dist');
    fs.mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
    fs.writeFileSync(
      path.join(webRoot, 'index.html'),
      '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app-3f9c.js"></script></body></html>',
    );
    fs.writeFileSync(path.join(webRoot, 'assets', 'app-3f9c.js'), 'console.log("dermis")');
    web = await buildApp({ ...t.p, config: { ...t.p.config, webDistDir: webRoot } });
    await web.ready();
  });
  afterAll(async () => {
    await web.close();
  });

  it.each([
    ['the root', '/'],
    ['a client-side route', '/cases/42/review'],
    ['a path that tries to climb out of the web folder', '/..%2f..%2f..%2fetc%2fpasswd'],
  ])('serves index.html for %s, with the security headers', async (_name, url) => {
    const response = await web.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<div id="root">');
    expect(response.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(response.headers);
  });

  it('serves hashed assets as immutable', async () => {
    const response = await web.inject({ method: 'GET', url: '/assets/app-3f9c.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('console.log("dermis")');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers an unknown /api/ path with a problem, never index.html', async () => {
    const response = await web.inject({ method: 'GET', url: '/api/no-such-route/42' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe('NOT_FOUND');
  });

  it.each([
    ['a client-side route', '/cases/%E0%A4%A'],
    ['an API path', '/api/admin/users/%E0'],
  ])('answers a malformed percent-encoding in %s with a 400 problem that does not echo the URL', async (_name, url) => {
    for (const app of [web, t.app]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(response.body).not.toContain('%E0');
    }
  });
});

describe('errors', () => {
  let boom: App;
  const SECRET_MESSAGE = 'duplicate key value (email)=(alex.morgan@example.org) in SELECT * FROM users';
  beforeAll(async () => {
    boom = await buildApp(t.p);
    boom.get('/api/test/boom', { config: { access: PUBLIC } }, async () => {
      throw new Error(SECRET_MESSAGE);
    });
    await boom.ready();
  });
  afterAll(async () => {
    await boom.close();
  });

  const body = (payload: string) => ({ payload, headers: { 'content-type': 'application/json' } });
  it.each([
    ['an unknown route', 'GET', '/api/nothing-here', {}, 404, 'NOT_FOUND'],
    ['a wrong type', 'POST', '/api/auth/login', body('{"email":"a@b.org","password":42}'), 400, 'VALIDATION_FAILED'],
    [
      'an unknown field',
      'POST',
      '/api/auth/login',
      body('{"email":"a@b.org","password":"x","admin":true}'),
      400,
      'VALIDATION_FAILED',
    ],
    ['malformed JSON', 'POST', '/api/auth/login', body('{"email":'), 400, 'MALFORMED_JSON'],
    [
      'a form post',
      'POST',
      '/api/auth/login',
      { payload: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a body over the limit',
      'POST',
      '/api/auth/login',
      body(JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(70_000) })),
      413,
      'BODY_TOO_LARGE',
    ],
    ['a thrown error', 'GET', '/api/test/boom', {}, 500, 'INTERNAL'],
  ])('%s gives application/problem+json with a code and no stack', async (_name, method, url, extra, status, code) => {
    const response = await boom.inject({ method: method as 'GET', url, ...extra });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem).toMatchObject({
      status,
      code,
      title: expect.any(String),
      type: expect.stringContaining('/problems/'),
    });
    expect(problem).not.toHaveProperty('stack');
    expect(response.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(response.body).not.toContain('node_modules');
    expect(response.body).not.toContain('alex.morgan');
    expect(response.body).not.toContain('SELECT');
    expect(response.body).not.toContain('x'.repeat(100));
  });

  it('logs an unexpected error without its message', () => {
    expect(t.logs.some((line) => line.includes('unhandled error'))).toBe(true);
    expect(t.logs.join('\n')).not.toContain('alex.morgan@example.org');
  });
});

describe('health', () => {
  it('GET /healthz answers 200 without a session', async () => {
    const response = await t.client().get('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 while the database answers, and 503 NOT_READY once it is gone', async () => {
    expect((await t.client().get('/readyz')).json()).toEqual({ status: 'ready' });

    const db = await openMigratedDatabase({ databaseUrl: t.p.config.databaseUrl, dataDir: null }, migrate);
    const app = await buildApp({ ...t.p, db });
    try {
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      await db.close();
      const gone = await app.inject({ method: 'GET', url: '/readyz' });
      expect(gone.statusCode).toBe(503);
      expect(gone.headers['content-type']).toContain('application/problem+json');
      expect(gone.json().code).toBe('NOT_READY');
      // Liveness does not depend on the database: a restart would not fix it.
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 with the auth routes, public ones marked with an empty security requirement', async () => {
    const response = await t.client().get('/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
    for (const [route, method] of [
      ['/api/auth/login', 'post'],
      ['/api/auth/signup', 'post'],
      ['/api/auth/logout', 'post'],
      ['/api/auth/session', 'get'],
      ['/api/auth/mfa/verify', 'post'],
      ['/api/auth/password-reset/request', 'post'],
      ['/api/auth/password-reset/confirm', 'post'],
      ['/api/me', 'get'],
    ] as const) {
      expect(doc.paths[route]?.[method], `${method} ${route}`).toBeDefined();
    }
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/auth/password-reset/request'].post.security).toEqual([]);
    expect(doc.paths['/api/me'].get.security).toBeUndefined();
    expect(doc.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['email', 'password']),
    });
  });
});

describe('direct TLS (TLS_CERT / TLS_KEY)', () => {
  let secure: TestApp;
  let port: number;
  let cert: string;
  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      algorithm: 'sha256',
    });
    cert = pems.cert;
    const certFile = path.join(tmp, 'cert.pem');
    const keyFile = path.join(tmp, 'key.pem');
    fs.writeFileSync(certFile, pems.cert);
    fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
    secure = await startTestApp({ seed: false, env: { TLS_CERT: certFile, TLS_KEY: keyFile } });
    await secure.app.listen({ port: 0, host: '127.0.0.1' });
    port = (secure.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await secure.close();
  });

  function get(urlPath: string, options: https.RequestOptions = {}) {
    return new Promise<{ status: number; headers: Record<string, unknown>; protocol: string | null }>(
      (resolve, reject) => {
        const request = https.get(
          { host: '127.0.0.1', port, path: urlPath, servername: 'localhost', ca: cert, agent: false, ...options },
          (response) => {
            const protocol = (response.socket as tls.TLSSocket).getProtocol();
            response.resume();
            response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, protocol }));
          },
        );
        request.on('error', reject);
      },
    );
  }

  it('serves over TLS 1.3 with HSTS', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(response.protocol).toBe('TLSv1.3');
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(cspDirectives(response.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
  });

  it('refuses a client limited to TLS 1.2', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = tls.connect({
        host: '127.0.0.1',
        port,
        servername: 'localhost',
        ca: cert,
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
      });
      socket.on('secureConnect', () => {
        socket.destroy();
        resolve(`connected with ${socket.getProtocol()}`);
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(`refused: ${error.code}`));
    });
    expect(outcome).toMatch(/^refused: /);
  });

  it('does not answer plain HTTP on the TLS port', async () => {
    const http = await import('node:http');
    const outcome = await new Promise<string>((resolve) => {
      const request = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (response) => {
        response.resume();
        resolve(`status ${response.statusCode}`);
      });
      request.on('error', () => resolve('refused'));
    });
    expect(outcome).not.toBe('status 200');
  });
});
