import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkTokenFor } from '../../src/modules/auth/password-reset.service.ts';
import { currentTotpCode } from '../../src/modules/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { demoAccount, startTestApp, type TestApp, type TestClient } from '../harness.ts';
import { type AuditRowText, asOwner, auditRowsAfter, lastAuditSeq } from './database-owner.ts';
import { expectProblem } from './problem-assertions.ts';
import { wrongCodeFor } from './totp-codes.ts';

// Audit rows for the whole sign-in matrix (issue 3, "Audit"): who (user, role), what (action,
// object, patient), when (UTC, from the clock), from where (IP, user agent) and the outcome, for
// every sign-in step and account change; and a PHI request fails when its audit row cannot be written.

const IP = '198.51.100.23';
const USER_AGENT = 'DermisAuditMatrix/1.0 (test)';

const PATIENT = demoAccount('patient').email;
const DERM = demoAccount('dermatologist').email;
const GP = demoAccount('referring_clinician').email;
const MOHS = demoAccount('specialist', 'mohs_surgery').email;
const PAEDS = demoAccount('specialist', 'paediatric_dermatology').email;
const DERMPATH = demoAccount('specialist', 'dermatopathology').email;
const ADMIN = demoAccount('admin').email;
const AUDITOR = demoAccount('auditor').email;
const SIGNED_UP = 'audited.signup@example.org';
const ENROLLING = 'enrolling.patient@example.org';
const INVITED = 'audited.staff@example.org';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const client = () => t.client({ ip: IP, headers: { 'user-agent': USER_AGENT } });

async function userOf(email: string) {
  const { rows } = await t.p.db.query<{ id: string; role: string }>(
    'SELECT id, role FROM users WHERE email_normalized = $1',
    [email],
  );
  return rows[0]!;
}
const idOf = async (email: string) => (await userOf(email)).id;

type Expected = Partial<Omit<AuditRowText, 'seq' | 'at' | 'prev_hash' | 'hash'>>;

/** An account event: `actor` acted (null: nobody signed in) on the user `subject` (null: no such account). */
async function userEvent(action: string, outcome: string, actor: string | null, subject = actor): Promise<Expected> {
  const who = actor ? await userOf(actor) : null;
  return {
    action,
    outcome: outcome as Expected['outcome'],
    user_id: who?.id ?? null,
    role: who?.role ?? null,
    object_type: 'user',
    object_id: subject ? await idOf(subject) : null,
    patient_id: null,
  };
}

async function halfOpen(email: string) {
  const c = client();
  expect((await c.login(email)).json().state).toBe('mfa_required');
  return c;
}

async function signedIn(role: 'patient' | 'admin' | 'auditor') {
  const signed = client();
  await signed.signInAs(t.clock, role);
  return signed;
}

async function signUp(email: string) {
  const c = client();
  const response = await c.post('/api/auth/signup', {
    email,
    password: 'a long passphrase for the matrix',
    givenName: 'Matrix',
    familyName: 'Patient',
    birthDate: '1991-07-04',
  });
  expect(response.statusCode).toBe(201);
  return c;
}

interface Case {
  name: string;
  /** Brings the system to the state before the audited act; the rows it writes are not checked. */
  arrange?: () => Promise<unknown>;
  /** The audited act: it must write exactly one audit row. */
  act: (arranged: unknown) => Promise<unknown>;
  expected: () => Promise<Expected>;
}

const c = (x: unknown) => x as TestClient;
const cases: Case[] = [
  {
    name: 'password sign-in succeeds',
    act: () => client().login(PATIENT),
    expected: () => userEvent('auth.login', 'success', PATIENT),
  },
  {
    name: 'wrong password for a known account: the account is recorded',
    act: () => client().login(DERM, 'not the password'),
    expected: () => userEvent('auth.login', 'failure', DERM),
  },
  {
    name: 'wrong password for an unknown account: no user',
    act: () => client().login('nobody.known@example.org', 'not the password'),
    expected: () => userEvent('auth.login', 'failure', null),
  },
  {
    name: 'sign-in refused while throttled, known account: denied, account recorded',
    arrange: async () => {
      for (let i = 0; i < t.p.config.loginThrottle.maxFailuresPerAccount; i++) await client().login(MOHS, `guess ${i}`);
    },
    act: () => client().login(MOHS, DEMO_PASSWORD),
    expected: () => userEvent('auth.login', 'denied', MOHS),
  },
  {
    name: 'sign-in refused while throttled, unknown account: denied, no user',
    arrange: async () => {
      for (let i = 0; i < t.p.config.loginThrottle.maxFailuresPerAccount; i++) {
        await client().login('nobody.throttled@example.org', `guess ${i}`);
      }
    },
    act: () => client().login('nobody.throttled@example.org', 'another guess'),
    expected: () => userEvent('auth.login', 'denied', null),
  },
  {
    name: 'second factor succeeds',
    arrange: () => halfOpen(PAEDS),
    act: (x) =>
      c(x).post('/api/auth/mfa/verify', {
        code: currentTotpCode(demoAccount('specialist', 'paediatric_dermatology').totpSecret!, t.clock.now()),
      }),
    expected: () => userEvent('auth.second_factor.verify', 'success', PAEDS),
  },
  {
    name: 'second factor fails (wrong code)',
    arrange: () => halfOpen(DERM),
    act: (x) =>
      c(x).post('/api/auth/mfa/verify', {
        code: wrongCodeFor(demoAccount('dermatologist').totpSecret!, t.clock.now()),
      }),
    expected: () => userEvent('auth.second_factor.verify', 'failure', DERM),
  },
  {
    name: 'second factor refused while locked: denied',
    arrange: async () => {
      const secret = demoAccount('referring_clinician').totpSecret!;
      for (let i = 0; i < t.p.config.totpThrottle.maxFailures; i++) {
        await (await halfOpen(GP)).post('/api/auth/mfa/verify', { code: wrongCodeFor(secret, t.clock.now()) });
      }
      return halfOpen(GP);
    },
    act: (x) =>
      c(x).post('/api/auth/mfa/verify', {
        code: currentTotpCode(demoAccount('referring_clinician').totpSecret!, t.clock.now()),
      }),
    expected: () => userEvent('auth.second_factor.verify', 'denied', GP),
  },
  {
    name: 'a patient enrols a second factor',
    arrange: async () => {
      const patient = await signUp(ENROLLING);
      return { patient, secret: (await patient.post('/api/auth/mfa/enroll')).json().secret as string };
    },
    act: async (x) => {
      const { patient, secret } = x as { patient: TestClient; secret: string };
      const code = currentTotpCode(secret, t.clock.now());
      expect((await patient.post('/api/auth/mfa/enroll/confirm', { code })).statusCode).toBe(200);
    },
    expected: () => userEvent('auth.second_factor.enrol', 'success', ENROLLING),
  },
  {
    name: 'sign-out',
    arrange: () => signedIn('auditor'),
    act: (x) => c(x).post('/api/auth/logout'),
    expected: () => userEvent('auth.logout', 'success', AUDITOR),
  },
  {
    name: 'password reset requested for a known account (nobody signed in)',
    act: () => client().post('/api/auth/password-reset/request', { email: DERMPATH }),
    expected: () => userEvent('auth.password_reset.request', 'success', null, DERMPATH),
  },
  {
    name: 'password reset requested for an unknown account',
    act: () => client().post('/api/auth/password-reset/request', { email: 'nobody.reset@example.org' }),
    expected: () => userEvent('auth.password_reset.request', 'failure', null, null),
  },
  {
    name: 'password reset completed: recorded as the account holder',
    arrange: async () => {
      const { rows } = await t.p.db.query<{ id: string }>(
        'SELECT id FROM password_tokens WHERE user_id = $1 AND used_at IS NULL',
        [await idOf(DERMPATH)],
      );
      return linkTokenFor(t.p, rows[0]!.id);
    },
    act: (token) =>
      client().post('/api/auth/password-reset/confirm', { token: token as string, password: 'a brand new passphrase' }),
    expected: () => userEvent('auth.password_reset.complete', 'success', DERMPATH),
  },
  {
    name: 'patient sign-up names the new patient',
    act: () => signUp(SIGNED_UP),
    expected: async () => ({
      ...(await userEvent('account.signup', 'success', SIGNED_UP)),
      object_type: 'patient',
      patient_id: await idOf(SIGNED_UP),
    }),
  },
  {
    name: 'admin changes a role',
    arrange: () => signedIn('admin'),
    act: async (x) => c(x).patch(`/api/admin/users/${await idOf(DERM)}`, { role: 'referring_clinician' }),
    expected: () => userEvent('account.role_change', 'success', ADMIN, DERM),
  },
  {
    name: 'admin disables an account',
    arrange: () => signedIn('admin'),
    act: async (x) => c(x).patch(`/api/admin/users/${await idOf(DERM)}`, { disabled: true }),
    expected: () => userEvent('account.disable', 'success', ADMIN, DERM),
  },
  {
    name: 'admin enables an account',
    arrange: () => signedIn('admin'),
    act: async (x) => c(x).patch(`/api/admin/users/${await idOf(DERM)}`, { disabled: false }),
    expected: () => userEvent('account.enable', 'success', ADMIN, DERM),
  },
  {
    name: 'admin resets a second factor',
    arrange: () => signedIn('admin'),
    act: async (x) => c(x).post(`/api/admin/users/${await idOf(DERM)}/reset-second-factor`),
    expected: () => userEvent('account.second_factor_reset', 'success', ADMIN, DERM),
  },
  {
    name: 'admin creates a staff account',
    arrange: () => signedIn('admin'),
    act: (x) => c(x).post('/api/admin/users', { email: INVITED, displayName: 'Dr Audited', role: 'dermatologist' }),
    expected: () => userEvent('account.create', 'success', ADMIN, INVITED),
  },
  {
    name: 'a patient calling an admin route: 404, and access.denied names the route',
    arrange: () => signedIn('patient'),
    act: async (x) => expectProblem(await c(x).get('/api/admin/users'), 404, 'NOT_FOUND'),
    expected: async () => ({
      ...(await userEvent('access.denied', 'denied', PATIENT)),
      object_type: 'route',
      object_id: '/api/admin/users',
    }),
  },
  {
    name: 'a PHI read: GET /api/me names the patient',
    arrange: () => signedIn('patient'),
    act: (x) => c(x).get('/api/me'),
    expected: async () => ({
      ...(await userEvent('profile.read', 'success', PATIENT)),
      object_type: 'patient',
      patient_id: await idOf(PATIENT),
    }),
  },
];

describe('audit rows for the sign-in matrix', () => {
  it.each(cases.map((x) => [x.name, x] as const))('%s', async (_name, x) => {
    // Each case in a time step of its own, so no TOTP code is reused across cases.
    t.clock.advance(30);
    const arranged = x.arrange ? await x.arrange() : undefined;
    const before = await lastAuditSeq(t.p.db);
    const when = t.clock.now().toISOString();
    await x.act(arranged);
    const rows = await auditRowsAfter(t.p.db, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ip: IP, user_agent: USER_AGENT, ...(await x.expected()) });
    // When: the server's clock, in UTC, to the millisecond.
    expect(rows[0]!.at.toISOString()).toBe(when);
  });
});

describe('no silent gaps', () => {
  it('when the audit row cannot be written, the PHI request fails with 503 and returns no PHI', async () => {
    const patient = client();
    await patient.post('/api/auth/signup', {
      email: 'gap.check@example.org',
      password: 'a gap check passphrase',
      givenName: 'Gapcheck',
      familyName: 'Uniquename',
      birthDate: '1975-11-30',
    });
    expect((await patient.get('/api/me')).statusCode).toBe(200);
    const before = await lastAuditSeq(t.p.db);
    const logsBefore = t.logs.length;

    // A real fault: the database refuses the app's audit inserts.
    await asOwner(t, (owner) => owner.exec('REVOKE INSERT ON audit_log FROM dermis_app'));
    let response: Awaited<ReturnType<TestClient['get']>>;
    try {
      response = await patient.get('/api/me');
    } finally {
      await asOwner(t, (owner) => owner.exec('GRANT INSERT ON audit_log TO dermis_app'));
    }
    expectProblem(response, 503, 'AUDIT_UNAVAILABLE');
    for (const phi of ['Gapcheck', 'Uniquename', '1975-11-30', 'gap.check@example.org']) {
      expect(response.body).not.toContain(phi);
    }
    expect(response.headers['cache-control']).toBe('no-store');
    expect(await lastAuditSeq(t.p.db)).toBe(before);
    const logged = t.logs.slice(logsBefore).map((l) => JSON.parse(l) as { msg: string; level: number });
    expect(logged.some((l) => l.msg.includes('audit write failed') && l.level >= 50)).toBe(true);

    // With the audit log writable again the same request works and is recorded.
    expect((await patient.get('/api/me')).statusCode).toBe(200);
    expect((await auditRowsAfter(t.p.db, before)).map((r) => r.action)).toEqual(['profile.read']);
  });
});
