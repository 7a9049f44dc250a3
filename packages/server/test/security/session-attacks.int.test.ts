import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdFor } from '../../src/modules/auth/sessions.ts';
import { currentTotpCode } from '../../src/modules/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { demoAccount, startTestApp, type TestApp, type TestClient } from '../harness.ts';
import { expectProblem } from './problem-assertions.ts';

// Attacks on sessions (issue 3): forged, expired or tampered cookies and JWTs, session fixation,
// and state-changing requests from a foreign origin or without the CSRF token.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const COOKIE = '__Host-dermis_session';
const tokenOf = (c: TestClient) => c.cookie!.slice(COOKIE.length + 1);
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(alg: 'none' | 'HS256', payload: Record<string, unknown>, key = ''): string {
  const unsigned = `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}`;
  const signature = alg === 'none' ? '' : createHmac('sha256', key).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

async function adminClaims() {
  const { rows } = await t.p.db.query<{ id: string }>("SELECT id FROM users WHERE role = 'admin' LIMIT 1");
  const now = Math.floor(t.clock.now().getTime() / 1000);
  return { sub: rows[0]!.id, role: 'admin', state: 'authenticated', iat: now, exp: now + 3600 };
}

async function signedInToken(role: string): Promise<string> {
  const c = t.client({ ip: '192.0.2.100' });
  await c.signInAs(t.clock, role);
  return tokenOf(c);
}

/** A request carrying `credential` the way the row says, and nothing else. */
function requestWith(url: string, credential: { cookie?: string; bearer?: string }) {
  return t.app.inject({
    method: 'GET',
    url,
    remoteAddress: '192.0.2.101',
    headers: {
      ...(credential.cookie !== undefined ? { cookie: credential.cookie } : {}),
      ...(credential.bearer !== undefined ? { authorization: `Bearer ${credential.bearer}` } : {}),
    },
  });
}

describe('forged, expired and tampered credentials', () => {
  type Row = [string, () => Promise<{ cookie?: string; bearer?: string }>, 'UNAUTHENTICATED' | 'SESSION_EXPIRED'];
  const rows: Row[] = [
    [
      'a random cookie value never issued',
      async () => ({ cookie: `${COOKIE}=${randomBytes(32).toString('base64url')}` }),
      'UNAUTHENTICATED',
    ],
    [
      'a real admin cookie with one character changed',
      async () => {
        const token = await signedInToken('admin');
        const flipped = token[5] === 'A' ? 'B' : 'A';
        return { cookie: `${COOKIE}=${token.slice(0, 5)}${flipped}${token.slice(6)}` };
      },
      'UNAUTHENTICATED',
    ],
    [
      'a real admin cookie cut short',
      async () => ({ cookie: `${COOKIE}=${(await signedInToken('admin')).slice(0, -4)}` }),
      'UNAUTHENTICATED',
    ],
    [
      'a real admin cookie with characters added',
      async () => ({ cookie: `${COOKIE}=${await signedInToken('admin')}AAAA` }),
      'UNAUTHENTICATED',
    ],
    [
      'the stored session id (what a database reader sees) replayed as the cookie',
      async () => ({ cookie: `${COOKIE}=${sessionIdFor(await signedInToken('admin'))}` }),
      'UNAUTHENTICATED',
    ],
    [
      'a real admin cookie under a name without the __Host- prefix',
      async () => ({ cookie: `dermis_session=${await signedInToken('admin')}` }),
      'UNAUTHENTICATED',
    ],
    [
      'a real admin session token sent as a Bearer token (sessions live only in the cookie)',
      async () => ({ bearer: await signedInToken('admin') }),
      'UNAUTHENTICATED',
    ],
    [
      'an admin cookie past the staff idle timeout',
      async () => {
        const token = await signedInToken('admin');
        t.clock.advance(t.p.config.session.idleMinutesStaff * 60 + 1);
        return { cookie: `${COOKIE}=${token}` };
      },
      'SESSION_EXPIRED',
    ],
    [
      'an admin cookie past its absolute lifetime, kept alive by activity',
      async () => {
        const c = t.client({ ip: '192.0.2.102' });
        await c.signInAs(t.clock, 'admin');
        const cookie = c.cookie!;
        const lifetimeMinutes = t.p.config.session.absoluteHours * 60;
        for (let minutes = 0; minutes <= lifetimeMinutes; minutes += 10) {
          t.clock.advance(10 * 60);
          await requestWith('/api/auth/session', { cookie });
        }
        return { cookie };
      },
      'SESSION_EXPIRED',
    ],
    [
      'an admin cookie after logout',
      async () => {
        const c = t.client({ ip: '192.0.2.103' });
        await c.signInAs(t.clock, 'admin');
        const cookie = c.cookie!;
        expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
        return { cookie };
      },
      'SESSION_EXPIRED',
    ],
    [
      'a JWT with alg "none" claiming to be the admin, in the cookie',
      async () => ({ cookie: `${COOKIE}=${jwt('none', await adminClaims())}` }),
      'UNAUTHENTICATED',
    ],
    [
      'a JWT with alg "none" claiming to be the admin, as a Bearer token',
      async () => ({ bearer: jwt('none', await adminClaims()) }),
      'UNAUTHENTICATED',
    ],
    ...(['secret', 'dermis', DEMO_PASSWORD, ''] as const).map(
      (key): Row => [
        `an HS256 JWT for the admin signed with the guessed key "${key}", in the cookie and as a Bearer token`,
        async () => {
          const token = jwt('HS256', await adminClaims(), key);
          return { cookie: `${COOKIE}=${token}`, bearer: token };
        },
        'UNAUTHENTICATED',
      ],
    ),
  ];

  it.each(rows)('%s: 401 and no data', async (_name, credential, code) => {
    const sent = await credential();
    for (const url of ['/api/admin/users', '/api/me', '/api/auth/session']) {
      const response = await requestWith(url, sent);
      expectProblem(response, 401, code);
      expect(response.body).not.toContain('@demo.dermis.test');
    }
  });
});

describe('session fixation', () => {
  it('a cookie value planted before sign-in is replaced at sign-in and never becomes a session', async () => {
    const planted = randomBytes(32).toString('base64url');
    const victim = t.client({ ip: '192.0.2.110' });
    victim.cookie = `${COOKIE}=${planted}`;
    expect((await victim.login(demoAccount('patient').email)).json().state).toBe('authenticated');
    expect(tokenOf(victim)).not.toBe(planted);
    expect((await victim.get('/api/me')).statusCode).toBe(200);

    const attacker = t.client({ ip: '192.0.2.111' });
    attacker.cookie = `${COOKIE}=${planted}`;
    expectProblem(await attacker.get('/api/me'), 401, 'UNAUTHENTICATED');
    const { rows } = await t.p.db.query('SELECT 1 FROM sessions WHERE id = $1', [sessionIdFor(planted)]);
    expect(rows).toHaveLength(0);
  });

  it('a half-open session planted by an attacker does not become authenticated when the victim finishes signing in', async () => {
    const derm = demoAccount('dermatologist');
    // The attacker knows (or guessed) the password and plants the half-open session in the victim's browser.
    const attacker = t.client({ ip: '192.0.2.112' });
    expect((await attacker.login(derm.email)).json().state).toBe('mfa_required');
    const halfOpen = attacker.cookie!;

    const victim = t.client({ ip: '192.0.2.113' });
    victim.cookie = halfOpen;
    victim.csrfToken = attacker.csrfToken;
    const second = await victim.post('/api/auth/mfa/verify', {
      code: currentTotpCode(derm.totpSecret!, t.clock.now()),
    });
    t.clock.advance(30);
    expect(second.statusCode).toBe(200);
    // The id changes at second-factor completion; the planted one is dead.
    expect(victim.cookie).not.toBe(halfOpen);
    expect((await victim.get('/api/me')).statusCode).toBe(200);
    for (const url of ['/api/me', '/api/auth/session']) {
      expectProblem(await requestWith(url, { cookie: halfOpen }), 401, 'SESSION_EXPIRED');
    }
  });

  it('signing in again over a live session replaces it, and the old cookie stops working', async () => {
    const c = t.client({ ip: '192.0.2.114' });
    await c.login(demoAccount('patient').email);
    const before = c.cookie!;
    await c.login(demoAccount('patient').email);
    expect(c.cookie).not.toBe(before);
    const old = t.client({ ip: '192.0.2.114' });
    old.cookie = before;
    expectProblem(await old.get('/api/me'), 401, 'SESSION_EXPIRED');
    expect((await c.get('/api/me')).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  const origin = () => new URL(t.p.config.publicUrl).origin;
  type Headers = Record<string, string>;
  let patient: TestClient;
  let otherPatientToken: string;
  beforeAll(async () => {
    patient = t.client({ ip: '192.0.2.120' });
    await patient.login(demoAccount('patient').email);
    const other = t.client({ ip: '192.0.2.121' });
    await other.post('/api/auth/signup', {
      email: 'other.patient@example.org',
      password: 'another long passphrase',
      givenName: 'Other',
      familyName: 'Patient',
      birthDate: '1980-01-01',
    });
    otherPatientToken = other.csrfToken!;
  });

  const localeOf = async () =>
    (
      await t.p.db.query<{ locale: string }>('SELECT locale FROM users WHERE email_normalized = $1', [
        demoAccount('patient').email,
      ])
    ).rows[0]!.locale;

  /** PUT /api/me/locale as the signed-in patient, with exactly these extra headers. */
  const changeLocale = (headers: Headers) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/me/locale',
      remoteAddress: '192.0.2.120',
      headers: { cookie: patient.cookie!, 'content-type': 'application/json', ...headers },
      payload: JSON.stringify({ locale: 'es' }),
    });

  it.each<[string, (token: string) => Headers]>([
    [
      'a foreign Origin, even with the right token',
      (token) => ({ origin: 'https://evil.example', 'x-csrf-token': token }),
    ],
    [
      'an Origin that only starts like ours',
      (token) => ({ origin: `${origin()}.evil.example`, 'x-csrf-token': token }),
    ],
    ['Origin "null" (sandboxed frame or file)', (token) => ({ origin: 'null', 'x-csrf-token': token })],
    [
      'Sec-Fetch-Site: cross-site without an Origin',
      (token) => ({ 'sec-fetch-site': 'cross-site', 'x-csrf-token': token }),
    ],
    ['no X-CSRF-Token', () => ({ origin: origin() })],
    ['an empty X-CSRF-Token', () => ({ origin: origin(), 'x-csrf-token': '' })],
    ['a wrong X-CSRF-Token', () => ({ origin: origin(), 'x-csrf-token': randomBytes(32).toString('base64url') })],
    ["another user's X-CSRF-Token", () => ({ origin: origin(), 'x-csrf-token': otherPatientToken })],
  ])('a state-changing request with %s is refused 403 CSRF_REJECTED and changes nothing', async (_name, headers) => {
    await t.p.db.query("UPDATE users SET locale = 'en' WHERE email_normalized = $1", [demoAccount('patient').email]);
    expectProblem(await changeLocale(headers(patient.csrfToken!)), 403, 'CSRF_REJECTED');
    expect(await localeOf()).toBe('en');
  });

  it('same-origin with the token works (the refusals above are about the request, not the route)', async () => {
    const response = await changeLocale({
      origin: origin(),
      'x-csrf-token': patient.csrfToken!,
      'sec-fetch-site': 'same-origin',
    });
    expect(response.statusCode).toBe(204);
    expect(await localeOf()).toBe('es');
  });

  it('a foreign page cannot sign the user out, disable an account, or sign someone in', async () => {
    const evil = { origin: 'https://evil.example' };
    expectProblem(await patient.post('/api/auth/logout', undefined, evil), 403, 'CSRF_REJECTED');
    expect((await patient.get('/api/me')).statusCode).toBe(200);

    const admin = t.client({ ip: '192.0.2.122' });
    await admin.signInAs(t.clock, 'admin');
    const { rows } = await t.p.db.query<{ id: string }>("SELECT id FROM users WHERE role = 'auditor'");
    const auditorId = rows[0]!.id;
    const disable = await admin.request('PATCH', `/api/admin/users/${auditorId}`, { disabled: true }, evil);
    expectProblem(disable, 403, 'CSRF_REJECTED');
    const after = await t.p.db.query<{ disabled_at: Date | null }>('SELECT disabled_at FROM users WHERE id = $1', [
      auditorId,
    ]);
    expect(after.rows[0]!.disabled_at).toBeNull();

    // Login CSRF: a foreign page signing the browser into the attacker's account.
    const sessionsBefore = await t.p.db.query('SELECT id FROM sessions');
    const login = await t
      .client({ ip: '192.0.2.123' })
      .post('/api/auth/login', { email: demoAccount('patient').email, password: DEMO_PASSWORD }, evil);
    expectProblem(login, 403, 'CSRF_REJECTED');
    expect(login.headers['set-cookie']).toBeUndefined();
    expect((await t.p.db.query('SELECT id FROM sessions')).rows).toHaveLength(sessionsBefore.rows.length);
  });
});
