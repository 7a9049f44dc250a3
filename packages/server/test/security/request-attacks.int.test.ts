import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness.ts';
import { expectProblem } from './problem-assertions.ts';

// Hostile request bodies and inputs (issue 3): prototype-pollution keys, 10,000-deep JSON, oversized
// and malformed bodies, and CRLF / ANSI escapes that try to forge log lines.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

// Every hostile body carries this marker; no response may echo it back.
const MARKER = 'zq-marker-5e1b';
const DEPTH = 10_000;

function polluted(): unknown {
  return ({} as Record<string, unknown>).polluted ?? (Object.prototype as Record<string, unknown>).polluted;
}

describe('hostile JSON bodies', () => {
  type Row = [name: string, body: string, contentType: string, status: number, code: string];
  const rows: Row[] = [
    [
      '__proto__ at the top level',
      `{"__proto__":{"polluted":"${MARKER}"},"email":"a@example.org","password":"x"}`,
      'application/json',
      400,
      'FORBIDDEN_KEY',
    ],
    [
      '__proto__ nested in a field',
      `{"email":"a@example.org","password":{"__proto__":{"polluted":"${MARKER}"}}}`,
      'application/json',
      400,
      'FORBIDDEN_KEY',
    ],
    [
      '__proto__ spelled with unicode escapes',
      `{"\\u005f\\u005fproto\\u005f\\u005f":{"polluted":"${MARKER}"},"email":"a@example.org","password":"x"}`,
      'application/json',
      400,
      'FORBIDDEN_KEY',
    ],
    [
      'constructor.prototype',
      `{"constructor":{"prototype":{"polluted":"${MARKER}"}},"email":"a@example.org","password":"x"}`,
      'application/json',
      400,
      'FORBIDDEN_KEY',
    ],
    [
      '__proto__ with a charset parameter on the content type',
      `{"__proto__":{"polluted":"${MARKER}"}}`,
      'application/json; charset=utf-8',
      400,
      'FORBIDDEN_KEY',
    ],
    [
      `${DEPTH.toLocaleString('en')}-deep arrays`,
      `${'['.repeat(DEPTH)}"${MARKER}"${']'.repeat(DEPTH)}`,
      'application/json',
      400,
      'JSON_TOO_DEEP',
    ],
    [
      `${DEPTH.toLocaleString('en')}-deep objects`,
      `${'{"a":'.repeat(DEPTH)}"${MARKER}"${'}'.repeat(DEPTH)}`,
      'application/json',
      400,
      'JSON_TOO_DEEP',
    ],
    [
      'brackets inside a string are not nesting (the depth check reads strings correctly)',
      `{"email":"${'['.repeat(100)}${MARKER}","password":"x"}`,
      'application/json',
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a body over 64 KiB',
      `{"email":"a@example.org","password":"${MARKER.repeat(7000)}"}`,
      'application/json',
      413,
      'BODY_TOO_LARGE',
    ],
    [
      'an unknown field',
      `{"email":"a@example.org","password":"x","${MARKER}":true}`,
      'application/json',
      400,
      'VALIDATION_FAILED',
    ],
    [
      'an unknown field that sounds powerful',
      `{"email":"a@example.org","password":"x","role":"admin"}`,
      'application/json',
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a number where the email belongs',
      `{"email":42,"password":"${MARKER}"}`,
      'application/json',
      400,
      'VALIDATION_FAILED',
    ],
    [
      'an array where the password belongs',
      `{"email":"a@example.org","password":["${MARKER}"]}`,
      'application/json',
      400,
      'VALIDATION_FAILED',
    ],
    ['an array instead of an object', `["${MARKER}"]`, 'application/json', 400, 'VALIDATION_FAILED'],
    [
      'a string that is not an email',
      `{"email":"${MARKER}","password":"x"}`,
      'application/json',
      400,
      'VALIDATION_FAILED',
    ],
    ['JSON cut off mid-way', `{"email":"${MARKER}",`, 'application/json', 400, 'MALFORMED_JSON'],
    [
      'trailing garbage after the JSON',
      `{"email":"a@example.org","password":"x"} ${MARKER}`,
      'application/json',
      400,
      'MALFORMED_JSON',
    ],
    ['single quotes instead of double', `{'email':'${MARKER}'}`, 'application/json', 400, 'MALFORMED_JSON'],
    ['an empty body declared as JSON', '', 'application/json', 400, 'MALFORMED_JSON'],
    [
      'a content type the API does not take',
      `<login>${MARKER}</login>`,
      'application/xml',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  ];

  it.each(rows.map(([name, body, contentType, status, code]) => ({ name, body, contentType, status, code })))(
    '$name → $status $code, nothing echoed, no stack or SQL',
    async ({ body, contentType, status, code }) => {
      const start = performance.now();
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '192.0.2.200',
        headers: { 'content-type': contentType },
        payload: body,
      });
      const elapsedMs = performance.now() - start;
      expectProblem(response, status, code);
      expect(response.body).not.toContain(MARKER);
      expect(response.body).not.toContain('polluted');
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(polluted()).toBeUndefined();
      // Rejected before any expensive work: deep and large bodies are refused in a linear scan.
      expect(elapsedMs).toBeLessThan(1000);
    },
  );

  it('a forbidden key in a signed-in write (admin PATCH) is refused and changes nothing', async () => {
    const admin = t.client({ ip: '192.0.2.201' });
    await admin.signInAs(t.clock, 'admin');
    const { rows } = await t.p.db.query<{ id: string; role: string }>(
      "SELECT id, role FROM users WHERE role = 'dermatologist' LIMIT 1",
    );
    const target = rows[0]!;
    const response = await admin.request(
      'PATCH',
      `/api/admin/users/${target.id}`,
      `{"disabled":false,"__proto__":{"role":"admin","disabled":true}}`,
    );
    expectProblem(response, 400, 'FORBIDDEN_KEY');
    const after = await t.p.db.query<{ role: string; disabled_at: Date | null }>(
      'SELECT role, disabled_at FROM users WHERE id = $1',
      [target.id],
    );
    expect(after.rows[0]).toEqual({ role: 'dermatologist', disabled_at: null });
    expect(polluted()).toBeUndefined();
  });

  it('prototype keys in a query string are refused as unknown parameters', async () => {
    const auditor = t.client({ ip: '192.0.2.202' });
    await auditor.signInAs(t.clock, 'auditor');
    for (const query of ['__proto__[polluted]=yes', 'constructor[prototype][polluted]=yes', '__proto__.polluted=yes']) {
      const response = await auditor.get(`/api/audit/events?${query}`);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body).not.toContain('polluted');
    }
    expect(polluted()).toBeUndefined();
    expect((await auditor.get('/api/audit/events?limit=1')).statusCode).toBe(200);
  });
});

describe('log forging', () => {
  // A CRLF to start a new line, a JSON object that looks like a log record, and ANSI escapes that
  // would clear a terminal or recolour what an operator reads.
  const FORGED = '\r\n{"level":60,"msg":"forged","forged":true}\u001b[2J\u001b[31m';

  it('CRLF and ANSI escapes in the email, password, User-Agent, path and query do not forge log lines', async () => {
    const before = t.logs.length;
    const c = t.client({ ip: '192.0.2.210', headers: { 'user-agent': `Mozilla/5.0${FORGED}` } });
    const requests = [
      () => c.post('/api/auth/login', { email: `victim@example.org${FORGED}`, password: 'x' }),
      () => c.post('/api/auth/login', { email: 'victim@example.org', password: FORGED }),
      () => c.post('/api/auth/login', { email: 'patient@demo.dermis.test', password: `wrong${FORGED}` }),
      () => c.post('/api/auth/password-reset/request', { email: `victim@example.org${FORGED}` }),
      () => c.get(`/api/${encodeURIComponent(FORGED)}`),
      () => c.get(`/${encodeURIComponent(FORGED)}`),
      () => c.get(`/api/me?next=${encodeURIComponent(FORGED)}`),
      () => c.get('/healthz'),
    ];
    for (const send of requests) {
      const response = await send();
      expect(response.statusCode).toBeLessThan(500);
      expect(response.body).not.toContain('forged');
    }

    const lines = t.logs.slice(before);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const [i, line] of lines.entries()) {
      expect(line).not.toContain('\u001b');
      expect(line).not.toMatch(/[\r\n]/);
      expect(line).not.toContain('forged');
      expect(records[i]!.forged).toBeUndefined();
      expect(records[i]!.level).toBeLessThan(50);
    }
    // Exactly one "incoming" and one "completed" line per request: nothing added, nothing split.
    expect(records.filter((r) => r.msg === 'incoming request')).toHaveLength(requests.length);
    expect(records.filter((r) => r.msg === 'request completed')).toHaveLength(requests.length);
    expect(lines).toHaveLength(2 * requests.length);
  });
});
