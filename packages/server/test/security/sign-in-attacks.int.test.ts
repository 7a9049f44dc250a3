import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkTokenFor } from '../../src/modules/auth/password-reset.service.ts';
import { currentTotpCode } from '../../src/modules/auth/totp.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { demoAccount, startTestApp, type TestApp } from '../harness.ts';
import { auditRowsAfter, lastAuditSeq } from './database-owner.ts';
import { expectProblem, expectRefusal, median, observable } from './problem-assertions.ts';
import { wrongCodeFor } from './totp-codes.ts';

// Attacks on signing in (issue 3, "Attacks that must fail"): password-only access, TOTP replay and
// brute force, password guessing, and X-Forwarded-For spoofing against the throttles.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

// The only routes a half-open session (password given, second factor owed) may reach.
const SECOND_FACTOR_ROUTES = new Set([
  'GET /api/auth/session',
  'POST /api/auth/logout',
  'POST /api/auth/mfa/enroll',
  'POST /api/auth/mfa/enroll/confirm',
  'POST /api/auth/mfa/verify',
]);

async function sessionRoutes(): Promise<{ method: string; url: string }[]> {
  const doc = (await t.client().get('/openapi.json')).json() as {
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  const routes: { method: string; url: string }[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      const key = `${method.toUpperCase()} ${path}`;
      if (isPublic || SECOND_FACTOR_ROUTES.has(key)) continue;
      routes.push({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, randomUUID()) });
    }
  }
  return routes;
}

describe('password-only access to staff APIs', () => {
  const staff = DEMO_ACCOUNTS.filter((a) => a.role !== 'patient');

  it.each(staff.map((a) => [`${a.role}${a.specialistType ? ` (${a.specialistType})` : ''}`, a.email] as const))(
    'a %s who gave only the password reaches no staff, admin, audit or profile API',
    async (_name, email) => {
      const routes = await sessionRoutes();
      // Guard against a vacuous pass: the routes that matter most are in the list.
      expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
        expect.arrayContaining(['GET /api/me', 'GET /api/admin/users', 'GET /api/audit/events']),
      );
      const c = t.client({ ip: '192.0.2.1' });
      expect((await c.login(email)).json().state).toBe('mfa_required');
      for (const route of routes) {
        const response = await c.request(route.method, route.url, route.method === 'GET' ? undefined : {});
        expectRefusal(route.url, response, 401, 'SECOND_FACTOR_REQUIRED');
      }
    },
  );

  it('a new staff member who has not enrolled a second factor yet reaches nothing either', async () => {
    const admin = t.client({ ip: '192.0.2.2' });
    await admin.signInAs(t.clock, 'admin');
    const created = await admin.post('/api/admin/users', {
      email: 'unenrolled.derm@example.org',
      displayName: 'Dr Unenrolled',
      role: 'dermatologist',
    });
    expect(created.statusCode).toBe(201);
    const { rows } = await t.p.db.query<{ id: string }>('SELECT id FROM password_tokens WHERE user_id = $1', [
      created.json().id,
    ]);
    const c = t.client({ ip: '192.0.2.2' });
    const password = 'a long enough passphrase';
    expect(
      (await c.post('/api/auth/password-reset/confirm', { token: linkTokenFor(t.p, rows[0]!.id), password }))
        .statusCode,
    ).toBe(204);
    expect((await c.login('unenrolled.derm@example.org', password)).json().state).toBe('mfa_enrollment_required');
    for (const route of await sessionRoutes()) {
      expectRefusal(
        route.url,
        await c.request(route.method, route.url, route.method === 'GET' ? undefined : {}),
        401,
        'SECOND_FACTOR_REQUIRED',
      );
    }
  });
});

describe('TOTP replay', () => {
  it('a code accepted once is refused the second time, even from a fresh login in the same 30 s step', async () => {
    const derm = demoAccount('dermatologist');
    const secret = derm.totpSecret!;
    const code = currentTotpCode(secret, t.clock.now());

    const first = t.client({ ip: '192.0.2.10' });
    await first.login(derm.email);
    expect((await first.post('/api/auth/mfa/verify', { code })).statusCode).toBe(200);

    const replay = t.client({ ip: '192.0.2.11' });
    expect((await replay.login(derm.email)).json().state).toBe('mfa_required');
    expectProblem(await replay.post('/api/auth/mfa/verify', { code }), 401, 'TOTP_INVALID');
    // An older code still inside the drift window is refused too: steps only move forward.
    const previous = currentTotpCode(secret, new Date(t.clock.now().getTime() - 30_000));
    expectProblem(await replay.post('/api/auth/mfa/verify', { code: previous }), 401, 'TOTP_INVALID');
    expectProblem(await replay.get('/api/me'), 401, 'SECOND_FACTOR_REQUIRED');

    // The refusal is about reuse: the next step's code opens the same half-open session.
    t.clock.advance(30);
    const next = await replay.post('/api/auth/mfa/verify', { code: currentTotpCode(secret, t.clock.now()) });
    expect(next.statusCode).toBe(200);
    expect((await replay.get('/api/me')).statusCode).toBe(200);
    t.clock.advance(30);
  });
});

describe('TOTP brute force across fresh logins', () => {
  it('wrong codes are counted per user across new sessions and IPs; then even the right code waits out the lock', async () => {
    const gp = demoAccount('referring_clinician');
    const secret = gp.totpSecret!;
    const { maxFailures, lockSeconds } = t.p.config.totpThrottle;

    for (let attempt = 1; attempt <= maxFailures; attempt++) {
      // A fresh login each time, from a different address: neither resets the count.
      const c = t.client({ ip: `192.0.2.${20 + attempt}` });
      expect((await c.login(gp.email)).json().state).toBe('mfa_required');
      const wrong = await c.post('/api/auth/mfa/verify', { code: wrongCodeFor(secret, t.clock.now()) });
      expectProblem(wrong, 401, 'TOTP_INVALID');
    }

    const locked = t.client({ ip: '192.0.2.30' });
    await locked.login(gp.email);
    const refused = await locked.post('/api/auth/mfa/verify', { code: currentTotpCode(secret, t.clock.now()) });
    const body = expectProblem(refused, 429, 'TOTP_THROTTLED');
    expect(body.retryAfterSeconds).toBe(lockSeconds);
    expect(refused.headers['retry-after']).toBe(String(lockSeconds));
    expectProblem(await locked.get('/api/admin/users'), 401, 'SECOND_FACTOR_REQUIRED');

    t.clock.advance(lockSeconds);
    const later = t.client({ ip: '192.0.2.31' });
    await later.login(gp.email);
    const accepted = await later.post('/api/auth/mfa/verify', { code: currentTotpCode(secret, t.clock.now()) });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().state).toBe('authenticated');
    t.clock.advance(30);
  });
  it('wrong codes sent all at once are counted too: no more than TOTP_MAX_FAILURES are checked', async () => {
    const admin = demoAccount('admin');
    const { maxFailures, lockSeconds } = t.p.config.totpThrottle;
    const c = t.client({ ip: '192.0.2.32' });
    await c.login(admin.email);
    const wrong = Number(wrongCodeFor(admin.totpSecret!, t.clock.now()));
    const valid = new Set(
      [-30_000, 0, 30_000].map((d) => currentTotpCode(admin.totpSecret!, new Date(t.clock.now().getTime() + d))),
    );
    const guesses = Array.from({ length: 40 }, (_, i) =>
      String((wrong + i * 7919) % 1_000_000).padStart(6, '0'),
    ).filter((code) => !valid.has(code));
    const responses = await Promise.all(guesses.map((code) => c.post('/api/auth/mfa/verify', { code })));
    const statuses = responses.map((r) => r.statusCode);
    expect(
      statuses.filter((s) => s === 401),
      statuses.join(','),
    ).toHaveLength(maxFailures);
    expect(statuses.filter((s) => s === 429)).toHaveLength(guesses.length - maxFailures);

    const fresh = t.client({ ip: '192.0.2.33' });
    await fresh.login(admin.email);
    const right = await fresh.post('/api/auth/mfa/verify', { code: currentTotpCode(admin.totpSecret!, t.clock.now()) });
    expectProblem(right, 429, 'TOTP_THROTTLED');
    t.clock.advance(lockSeconds);
  });
});

describe('password guessing', () => {
  it('30 wrong passwords are throttled, the right one too, until the window ends; an unknown account answers the same at every step', async () => {
    const known = demoAccount('specialist', 'dermatopathology').email;
    const unknown = 'nobody.at.all@demo.dermis.test';
    const knownClient = t.client({ ip: '192.0.2.40' });
    const unknownClient = t.client({ ip: '192.0.2.41' });
    const { maxFailuresPerAccount, windowSeconds } = t.p.config.loginThrottle;

    for (let attempt = 1; attempt <= 30; attempt++) {
      const k = await knownClient.login(known, `wrong guess number ${attempt}`);
      const u = await unknownClient.login(unknown, `wrong guess number ${attempt}`);
      if (attempt <= maxFailuresPerAccount) expectProblem(k, 401, 'INVALID_CREDENTIALS');
      else {
        const body = expectProblem(k, 429, 'LOGIN_THROTTLED');
        expect(body.retryAfterSeconds).toBe(windowSeconds);
        expect(k.headers['retry-after']).toBe(String(windowSeconds));
      }
      expect(observable(u), `attempt ${attempt}`).toEqual(observable(k));
    }

    // Throttled means throttled: the right password is refused as well, and looks the same.
    const right = await knownClient.login(known, DEMO_PASSWORD);
    expectProblem(right, 429, 'LOGIN_THROTTLED');
    expect(observable(await unknownClient.login(unknown, DEMO_PASSWORD))).toEqual(observable(right));

    t.clock.advance(windowSeconds - 1);
    const almost = await knownClient.login(known, DEMO_PASSWORD);
    expect(expectProblem(almost, 429, 'LOGIN_THROTTLED').retryAfterSeconds).toBe(1);
    expect(almost.headers['retry-after']).toBe('1');

    // No permanent lock-out: at the end of the window the right password works.
    t.clock.advance(1);
    const after = await knownClient.login(known, DEMO_PASSWORD);
    expect(after.statusCode).toBe(200);
    expect(after.json().state).toBe('mfa_required');
    expectProblem(await unknownClient.login(unknown, DEMO_PASSWORD), 401, 'INVALID_CREDENTIALS');
  });

  it('30 wrong passwords sent all at once: no more than LOGIN_MAX_FAILURES_PER_ACCOUNT are checked', async () => {
    const email = demoAccount('specialist', 'paediatric_dermatology').email;
    const { maxFailuresPerAccount, windowSeconds } = t.p.config.loginThrottle;
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.client({ ip: `192.0.2.${70 + i}` }).login(email, `parallel guess ${i}`)),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(
      statuses.filter((s) => s === 401),
      statuses.join(','),
    ).toHaveLength(maxFailuresPerAccount);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - maxFailuresPerAccount);
    expectProblem(await t.client({ ip: '192.0.2.100' }).login(email, DEMO_PASSWORD), 429, 'LOGIN_THROTTLED');
    t.clock.advance(windowSeconds);
    expect((await t.client({ ip: '192.0.2.100' }).login(email, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('a wrong password costs about the same time for a known and an unknown account (argon2 runs for both)', async () => {
    // Warm-up on other keys, so the lazily built dummy hash and JIT do not count.
    await t.client({ ip: '192.0.2.50' }).login(demoAccount('admin').email, 'warm-up guess');
    await t.client({ ip: '192.0.2.50' }).login('warm.up@demo.dermis.test', 'warm-up guess');

    const known = demoAccount('specialist', 'mohs_surgery').email;
    const timings = { known: [] as number[], unknown: [] as number[] };
    const c = t.client({ ip: '192.0.2.51' });
    // Five each, interleaved (the fifth is still under the per-account limit).
    for (let i = 0; i < 5; i++) {
      for (const [kind, email] of [
        ['known', known],
        ['unknown', 'unknown.timing@demo.dermis.test'],
      ] as const) {
        const start = performance.now();
        const response = await c.login(email, `timing guess ${i}`);
        timings[kind].push(performance.now() - start);
        expectProblem(response, 401, 'INVALID_CREDENTIALS');
      }
    }
    const ratio = median(timings.unknown) / median(timings.known);
    expect(ratio, JSON.stringify(timings)).toBeGreaterThan(0.5);
    expect(ratio, JSON.stringify(timings)).toBeLessThan(2.0);
  });
});

describe('per-IP throttling and X-Forwarded-For', () => {
  const IP_LIMIT = 3;
  const accounts = DEMO_ACCOUNTS.map((a) => a.email);
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    const env = { LOGIN_MAX_FAILURES_PER_IP: String(IP_LIMIT) };
    direct = await startTestApp({ env });
    proxied = await startTestApp({ env: { ...env, TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    await direct?.close();
    await proxied?.close();
  });

  it('many accounts guessed from one IP: that IP is throttled at LOGIN_MAX_FAILURES_PER_IP, others are not', async () => {
    const ip = '198.51.100.50';
    for (const email of accounts.slice(0, IP_LIMIT)) {
      expectProblem(await direct.client({ ip }).login(email, 'spray guess'), 401, 'INVALID_CREDENTIALS');
    }
    const next = accounts[IP_LIMIT]!;
    expectProblem(await direct.client({ ip }).login(next, DEMO_PASSWORD), 429, 'LOGIN_THROTTLED');
    expectProblem(await direct.client({ ip }).login('unknown.spray@example.org', 'x'), 429, 'LOGIN_THROTTLED');
    expect((await direct.client({ ip: '198.51.100.51' }).login(next, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('without a trusted proxy, rotating X-Forwarded-For (and Forwarded, X-Real-IP) does not reset the count', async () => {
    const ip = '198.51.100.60';
    const before = await lastAuditSeq(direct.p.db);
    const spoof = (i: number) => ({
      'x-forwarded-for': `203.0.113.${i}`,
      forwarded: `for=203.0.113.${i}`,
      'x-real-ip': `203.0.113.${i}`,
    });
    for (let i = 0; i < IP_LIMIT; i++) {
      const response = await direct.client({ ip, headers: spoof(i + 1) }).login(accounts[i]!, 'spoofed guess');
      expectProblem(response, 401, 'INVALID_CREDENTIALS');
    }
    for (let i = IP_LIMIT; i < IP_LIMIT + 5; i++) {
      const response = await direct.client({ ip, headers: spoof(i + 1) }).login(accounts[i]!, DEMO_PASSWORD);
      expectProblem(response, 429, 'LOGIN_THROTTLED');
    }
    // The audit trail records the socket address, not the spoofed one.
    const ips = new Set((await auditRowsAfter(direct.p.db, before)).map((r) => r.ip));
    expect([...ips]).toEqual([ip]);
  });

  it.each([
    ['the proxy forwards one client', (ip: string) => ip, '203.0.113.101', '198.18.0.1'],
    // proxy-addr takes the right-most address that is not trusted: the one our proxy saw.
    [
      'the client prepends a forged hop that the proxy keeps',
      (ip: string) => `10.9.8.7, ${ip}`,
      '203.0.113.102',
      '198.18.0.2',
    ],
  ])('with TRUST_PROXY set, the forwarded client IP is counted (%s)', async (_name, hops, attacker, neighbour) => {
    const viaProxy = (ip: string, forwardedFor = hops) =>
      proxied.client({ ip: '127.0.0.1', headers: { 'x-forwarded-for': forwardedFor(ip) } });
    for (const email of accounts.slice(0, IP_LIMIT)) {
      expectProblem(await viaProxy(attacker).login(email, 'proxied guess'), 401, 'INVALID_CREDENTIALS');
    }
    expectProblem(await viaProxy(attacker).login(accounts[IP_LIMIT]!, DEMO_PASSWORD), 429, 'LOGIN_THROTTLED');
    // Rotating a forged left-most hop changes nothing.
    for (const forged of ['10.1.2.3', '10.1.2.4']) {
      const response = await viaProxy(attacker, (ip) => `${forged}, ${ip}`).login(accounts[IP_LIMIT]!, DEMO_PASSWORD);
      expectProblem(response, 429, 'LOGIN_THROTTLED');
    }
    // Another client behind the same proxy is counted separately, and audited under its own address.
    expect((await viaProxy(neighbour).login(accounts[IP_LIMIT]!, DEMO_PASSWORD)).statusCode).toBe(200);
    const { rows } = await proxied.p.db.query<{ ip: string }>(
      "SELECT ip FROM audit_log WHERE action = 'auth.login' ORDER BY seq DESC LIMIT 1",
    );
    expect(rows[0]!.ip).toBe(neighbour);
  });

  it('with TRUST_PROXY set, a request that does not come from the proxy cannot choose its IP', async () => {
    const ip = '198.51.100.70';
    for (let i = 0; i < IP_LIMIT; i++) {
      const c = proxied.client({ ip, headers: { 'x-forwarded-for': `192.0.2.${200 + i}` } });
      expectProblem(await c.login(accounts[i]!, 'direct guess'), 401, 'INVALID_CREDENTIALS');
    }
    const c = proxied.client({ ip, headers: { 'x-forwarded-for': '192.0.2.250' } });
    expectProblem(await c.login(accounts[IP_LIMIT]!, DEMO_PASSWORD), 429, 'LOGIN_THROTTLED');
  });
});
