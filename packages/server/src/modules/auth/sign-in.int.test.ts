import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, startTestApp, type TestApp } from '../../../test/harness.ts';
import { currentTotpCode } from './totp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('staff sign-in with a second factor', () => {
  it('a dermatologist signs in with password and TOTP and reaches staff APIs', async () => {
    const c = t.client();
    const derm = demoAccount('dermatologist');
    const first = await c.login(derm.email);
    expect(first.statusCode).toBe(200);
    expect(first.json().state).toBe('mfa_required');
    expect(first.headers['set-cookie']).toMatch(/__Host-dermis_session=.*HttpOnly; Secure; SameSite=Strict/);

    // Password alone opens nothing but the second-factor routes.
    expect((await c.get('/api/me')).json().code).toBe('SECOND_FACTOR_REQUIRED');

    const halfOpenCookie = c.cookie;
    const second = await c.post('/api/auth/mfa/verify', { code: currentTotpCode(derm.totpSecret!, t.clock.now()) });
    expect(second.statusCode).toBe(200);
    expect(second.json().state).toBe('authenticated');
    expect(c.cookie).not.toBe(halfOpenCookie);
    expect((await c.get('/api/me')).statusCode).toBe(200);
  });

  it('a new staff member enrols a second factor on first sign-in', async () => {
    const admin = t.client();
    await admin.signInAs(t.clock, 'admin');
    const created = await admin.post('/api/admin/users', {
      email: 'new.derm@example.org',
      displayName: 'Dr New',
      role: 'dermatologist',
    });
    expect(created.statusCode).toBe(201);
    // The invitation link is the only way in: set a password through it.
    const { rows } = await t.p.db.query<{ id: string }>(
      "SELECT t.id FROM password_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = 'new.derm@example.org'",
    );
    const { linkTokenFor } = await import('./password-reset.service.ts');
    const token = linkTokenFor(t.p, rows[0]!.id);
    const c = t.client();
    expect(
      (await c.post('/api/auth/password-reset/confirm', { token, password: 'a long enough passphrase' })).statusCode,
    ).toBe(204);

    const login = await c.login('new.derm@example.org', 'a long enough passphrase');
    expect(login.json().state).toBe('mfa_enrollment_required');
    expect((await c.get('/api/me')).statusCode).toBe(401);
    const enrol = await c.post('/api/auth/mfa/enroll');
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUrl, qrSvg } = enrol.json();
    expect(otpauthUrl).toContain('otpauth://totp/');
    expect(qrSvg).toContain('<svg');
    const confirmed = await c.post('/api/auth/mfa/enroll/confirm', { code: currentTotpCode(secret, t.clock.now()) });
    expect(confirmed.json().state).toBe('authenticated');
    expect((await c.get('/api/me')).json().user.hasSecondFactor).toBe(true);
  });
});

describe('patients', () => {
  it('sign up, are signed in, and can sign in again without a second factor', async () => {
    const c = t.client();
    const signup = await c.post('/api/auth/signup', {
      email: 'Maria.Lopez@Example.org',
      password: 'sunny days on the coast',
      givenName: 'María',
      familyName: 'López',
      birthDate: '1990-02-28',
      locale: 'es',
    });
    expect(signup.statusCode).toBe(201);
    expect(signup.json().state).toBe('authenticated');
    const me = await c.get('/api/me');
    expect(me.json().patient).toEqual({ givenName: 'María', familyName: 'López', birthDate: '1990-02-28' });

    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/me')).statusCode).toBe(401);
    const again = await t.client().login('maria.lopez@example.org', 'sunny days on the coast');
    expect(again.json().state).toBe('authenticated');
  });

  it.each([
    ['a short password', { password: 'short' }, 'PASSWORD_TOO_SHORT'],
    ['a birth date in the future', { birthDate: '2999-01-01' }, 'BIRTH_DATE_INVALID'],
    ['an impossible date', { birthDate: '2001-02-30' }, 'BIRTH_DATE_INVALID'],
    ['an email already registered', { email: 'patient@demo.dermis.test' }, 'EMAIL_TAKEN'],
    ['an unknown field', { isAdmin: true }, 'VALIDATION_FAILED'],
    ['a number where a name belongs', { givenName: 42 }, 'VALIDATION_FAILED'],
  ])('sign-up with %s is refused', async (_name, change, code) => {
    const body = {
      email: 'someone.new@example.org',
      password: 'a fine long passphrase',
      givenName: 'Sam',
      familyName: 'Doe',
      birthDate: '1970-01-01',
      ...change,
    };
    const response = await t.client().post('/api/auth/signup', body);
    expect(response.json().code).toBe(code);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const { rows } = await t.p.db.query("SELECT 1 FROM users WHERE email_normalized = 'someone.new@example.org'");
    expect(rows).toHaveLength(0);
  });
});

describe('sessions', () => {
  it('end after the staff idle timeout and the client is told why', async () => {
    const c = t.client();
    await c.signInAs(t.clock, 'dermatologist');
    t.clock.advance(14 * 60);
    expect((await c.get('/api/me')).statusCode).toBe(200);
    t.clock.advance(15 * 60 + 1);
    const expired = await c.get('/api/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('SESSION_EXPIRED');
  });

  it('end at the absolute lifetime even when active', async () => {
    const c = t.client();
    await c.signInAs(t.clock, 'patient');
    const signedInAt = t.clock.now().getTime();
    let firstFailure: { code: string; afterHours: number } | null = null;
    while (!firstFailure) {
      t.clock.advance(20 * 60);
      const response = await c.get('/api/me');
      if (response.statusCode !== 200) {
        firstFailure = { code: response.json().code, afterHours: (t.clock.now().getTime() - signedInAt) / 3600_000 };
      }
    }
    expect(firstFailure.code).toBe('SESSION_EXPIRED');
    expect(firstFailure.afterHours).toBeGreaterThanOrEqual(11.9);
    expect(firstFailure.afterHours).toBeLessThanOrEqual(12.4);
  });

  it('disabling a user ends their session on the next request', async () => {
    const gp = t.client();
    await gp.signInAs(t.clock, 'referring_clinician');
    const admin = t.client();
    await admin.signInAs(t.clock, 'admin');
    const users = (await admin.get('/api/admin/users')).json().users as { id: string; role: string }[];
    const gpId = users.find((u) => u.role === 'referring_clinician')!.id;
    expect((await admin.patch(`/api/admin/users/${gpId}`, { disabled: true })).statusCode).toBe(200);
    expect((await gp.get('/api/me')).json().code).toBe('SESSION_EXPIRED');
    expect((await t.client().login(demoAccount('referring_clinician').email)).json().code).toBe('INVALID_CREDENTIALS');
    await admin.patch(`/api/admin/users/${gpId}`, { disabled: false });
  });
});
