import type { ParsedMail } from 'mailparser';
import { Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdFor } from '../../src/modules/auth/sessions.ts';
import { currentTotpCode } from '../../src/modules/auth/totp.ts';
import { demoAccount, startTestApp, type TestApp, type TestClient } from '../harness.ts';
import { type SmtpSink, startSmtpSink } from '../smtp-sink.ts';
import { asOwner } from './database-owner.ts';

// "No password or token appears in the database (except as hashes) or in logs" (issue 3): a patient
// signs up, signs in, enrols a second factor, resets the password through a real email; a clinician
// signs in with TOTP. Then every column of every table, and every log line, is searched for each
// secret that went over the wire.

const PATIENT = {
  email: 'Quill.Secretkeeper@example.org',
  password: 'correct horse battery staple 1',
  givenName: 'Zebedee',
  familyName: 'Quillfeather',
  birthDate: '1979-03-14',
};
const NEW_PASSWORD = 'a second secret phrase 2';
const WRONG_PASSWORD = 'my bank password 3';

let t: TestApp;
let sink: SmtpSink;
let mail: ParsedMail;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ smtpUrl: sink.url });
  await runJourney();
}, 120_000);
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

/** Every secret the journey put on the wire: long ones are searched as substrings, codes as tokens. */
const secrets = new Map<string, string>();
const codes = new Map<string, string>();

function remember(c: TestClient, label: string) {
  secrets.set(`${label} session cookie`, c.cookie!.split('=')[1]!);
  secrets.set(`${label} CSRF token`, c.csrfToken!);
}

async function useCode(c: TestClient, url: string, secret: string, label: string) {
  t.clock.advance(30);
  const code = currentTotpCode(secret, t.clock.now());
  const response = await c.post(url, { code });
  expect(response.statusCode, response.body).toBe(200);
  codes.set(label, code);
}

async function runJourney() {
  const c = t.client({ ip: '192.0.2.170' });
  expect((await c.post('/api/auth/signup', PATIENT)).statusCode).toBe(201);
  remember(c, 'sign-up');

  // Opt in to a second factor.
  const enrol = await c.post('/api/auth/mfa/enroll');
  const totpSecret = enrol.json().secret as string;
  secrets.set('TOTP secret', totpSecret);
  secrets.set('TOTP secret as hex', Secret.fromBase32(totpSecret).hex);
  secrets.set('otpauth URL', enrol.json().otpauthUrl);
  await useCode(c, '/api/auth/mfa/enroll/confirm', totpSecret, 'enrolment code');
  remember(c, 'enrolled');
  expect((await c.post('/api/auth/logout')).statusCode).toBe(204);

  // A wrong password (often someone's real password elsewhere), then the right one with a code.
  expect((await c.login(PATIENT.email, WRONG_PASSWORD)).statusCode).toBe(401);
  expect((await c.login(PATIENT.email, PATIENT.password)).json().state).toBe('mfa_required');
  remember(c, 'half-open');
  await useCode(c, '/api/auth/mfa/verify', totpSecret, 'sign-in code');
  remember(c, 'signed-in');

  // Password reset through a real SMTP server.
  expect((await t.client().post('/api/auth/password-reset/request', { email: PATIENT.email })).statusCode).toBe(202);
  await t.drainOutbox();
  mail = await sink.waitFor((m) => m.subject?.includes('password') ?? false);
  const link = /#token=([^\s&]+)/.exec(mail.text ?? '');
  expect(link).not.toBeNull();
  const resetToken = link![1]!;
  secrets.set('reset token', resetToken);
  secrets.set('reset token signature', resetToken.split('.')[1]!);
  const reset = await t.client().post('/api/auth/password-reset/confirm', {
    token: resetToken,
    password: NEW_PASSWORD,
  });
  expect(reset.statusCode).toBe(204);
  const again = t.client({ ip: '192.0.2.171' });
  expect((await again.login(PATIENT.email, NEW_PASSWORD)).json().state).toBe('mfa_required');
  await useCode(again, '/api/auth/mfa/verify', totpSecret, 'code after reset');
  remember(again, 'after reset');

  // A clinician with the demo TOTP secret.
  const derm = demoAccount('dermatologist');
  const clinician = t.client({ ip: '192.0.2.172' });
  await clinician.login(derm.email);
  await useCode(clinician, '/api/auth/mfa/verify', derm.totpSecret!, 'clinician code');
  remember(clinician, 'clinician');
  secrets.set('clinician TOTP secret', derm.totpSecret!);

  secrets.set('sign-up password', PATIENT.password);
  secrets.set('new password', NEW_PASSWORD);
  secrets.set('wrong password', WRONG_PASSWORD);
  secrets.set('demo password', 'dermis-demo-2026');
}

describe('secrets at rest and in logs', () => {
  it('the reset email carries the link and no PHI (no name, no birth date)', () => {
    expect(mail.text).toContain('/reset-password#token=');
    const message = `${mail.subject}\n${mail.text}\n${mail.html || ''}`;
    for (const phi of [
      PATIENT.givenName,
      PATIENT.familyName,
      PATIENT.birthDate,
      '14/03/1979',
      '03/14/1979',
      'March 14',
    ]) {
      expect(message).not.toContain(phi);
    }
  });

  it('no table holds any of them (passwords only as argon2id hashes)', async () => {
    expect(secrets.size).toBeGreaterThan(10);
    const dump = await asOwner(t, async (owner) => {
      const { rows: tables } = await owner.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      );
      const values: { where: string; value: string }[] = [];
      for (const { name } of tables) {
        const { rows } = await owner.query<{ row: Record<string, unknown> }>(
          `SELECT row_to_json(t) AS row FROM "${name}" t`,
        );
        for (const { row } of rows) {
          const record = typeof row === 'string' ? (JSON.parse(row) as Record<string, unknown>) : row;
          for (const [column, value] of Object.entries(record)) {
            if (value !== null) values.push({ where: `${name}.${column}`, value: JSON.stringify(value) });
          }
        }
      }
      return { tables: tables.map((r) => r.name), values };
    });
    expect(dump.tables).toEqual(
      expect.arrayContaining(['users', 'sessions', 'password_tokens', 'audit_log', 'outbox']),
    );

    // The dump really holds this journey's rows (a search of nothing would find nothing).
    const cookie = secrets.get('after reset session cookie')!;
    expect(dump.values).toContainEqual({ where: 'users.email', value: JSON.stringify(PATIENT.email) });
    expect(dump.values).toContainEqual({ where: 'sessions.id', value: JSON.stringify(sessionIdFor(cookie)) });

    const found = findSecrets(dump.values.map((v) => ({ where: v.where, text: v.value })));
    expect(found).toEqual([]);

    const { rows } = await t.p.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE email_normalized = $1',
      [PATIENT.email.toLowerCase()],
    );
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('no log line holds any of them, nor the patient’s name, birth date or email', () => {
    expect(t.logs.length).toBeGreaterThan(20);
    const found = findSecrets(t.logs.map((line, i) => ({ where: `log line ${i}`, text: line })));
    expect(found).toEqual([]);
    for (const phi of [PATIENT.givenName, PATIENT.familyName, PATIENT.birthDate, PATIENT.email.toLowerCase()]) {
      expect(t.logs.filter((line) => line.toLowerCase().includes(phi.toLowerCase()))).toEqual([]);
    }
  });
});

/** Where each secret appears. A six-digit code only counts as a whole token (not inside a longer number or id). */
function findSecrets(haystack: { where: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { where, text } of haystack) {
    for (const [label, secret] of secrets) {
      if (text.includes(secret)) found.push(`${label} in ${where}`);
    }
    for (const [label, code] of codes) {
      if (new RegExp(`(^|[^0-9A-Za-z+/=_-])${code}($|[^0-9A-Za-z+/=_-])`).test(text))
        found.push(`${label} in ${where}`);
    }
  }
  return found;
}
