import fs from 'node:fs';
import path from 'node:path';
import type { AddressObject, ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, startTestApp, type TestApp } from '../../test/harness.ts';
import { type SmtpSink, startSmtpSink } from '../../test/smtp-sink.ts';
import { DEMO_PASSWORD, DEMO_PATIENT_PROFILE } from '../modules/demo/demo-accounts.ts';

const NEW_PASSWORD = 'violet harbour lanterns at dusk';

function isTo(address: string) {
  return (m: ParsedMail) =>
    [m.to ?? []].flat().some((to: AddressObject) => to.value.some((v) => v.address === address));
}

function tokenIn(text: string): string {
  const match = /\/reset-password#token=([A-Za-z0-9._-]+)/.exec(text);
  if (!match) throw new Error('no reset link in the message');
  return match[1]!;
}

let counter = 0;
/** A fresh patient with a distinctive name and birth date, so PHI in a message would be easy to spot. */
async function signUpPatient(t: TestApp, locale: 'en' | 'es' = 'en') {
  const email = `reset.patient.${++counter}@example.org`;
  const password = 'the original passphrase';
  const c = t.client();
  const response = await c.post('/api/auth/signup', {
    email,
    password,
    givenName: 'Wilhelmina',
    familyName: 'Quistgaard',
    birthDate: '1961-11-03',
    locale,
  });
  expect(response.statusCode).toBe(201);
  return { email, password, client: c };
}

async function requestReset(t: TestApp, email: string) {
  const response = await t.client().post('/api/auth/password-reset/request', { email });
  expect(response.statusCode).toBe(202);
  return response;
}

async function outboxCount(t: TestApp): Promise<number> {
  const { rows } = await t.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
  return rows[0]!.n;
}

describe('password reset through a real SMTP server', () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ smtpUrl: sink.url });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  async function resetMailFor(email: string): Promise<ParsedMail> {
    await t.drainOutbox();
    return sink.waitFor(isTo(email));
  }

  it('the demo patient gets a link without PHI, sets a new password with it, and earlier sessions end', async () => {
    const patient = demoAccount('patient');
    const laptop = t.client();
    const phone = t.client();
    expect((await laptop.login(patient.email)).statusCode).toBe(200);
    expect((await phone.login(patient.email)).statusCode).toBe(200);

    const before = await outboxCount(t);
    const accepted = await requestReset(t, patient.email);
    expect(accepted.json()).toEqual({ status: 'accepted' });
    // Sent by the worker, not inside the request.
    expect(await outboxCount(t)).toBe(before + 1);
    expect(sink.messages.filter(isTo(patient.email))).toHaveLength(0);

    const mail = await resetMailFor(patient.email);
    expect(mail.subject).toBe('Reset your Dermis password');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@dermis>$/);
    const text = mail.text ?? '';
    expect(text).toContain(`${t.p.config.publicUrl}/reset-password#token=`);
    const token = tokenIn(text);
    // The random token could contain digits of a birth year by chance: look at everything but it.
    const whole = `${mail.subject}\n${text}\n${mail.html || ''}`.replaceAll(token, '<token>');
    for (const phi of [
      DEMO_PATIENT_PROFILE.givenName,
      DEMO_PATIENT_PROFILE.familyName,
      DEMO_PATIENT_PROFILE.birthDate,
      '1984',
      patient.displayName,
    ]) {
      expect(whole).not.toContain(phi);
    }

    const confirm = await t.client().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(confirm.statusCode).toBe(204);

    for (const earlier of [laptop, phone]) {
      const me = await earlier.get('/api/me');
      expect(me.statusCode).toBe(401);
      expect(me.json().code).toBe('SESSION_EXPIRED');
    }
    const withNew = await t.client().login(patient.email, NEW_PASSWORD);
    expect(withNew.statusCode).toBe(200);
    expect(withNew.json().state).toBe('authenticated');
    const withOld = await t.client().login(patient.email, DEMO_PASSWORD);
    expect(withOld.statusCode).toBe(401);
    expect(withOld.json().code).toBe('INVALID_CREDENTIALS');

    // A link works once.
    const again = await t
      .client()
      .post('/api/auth/password-reset/confirm', { token, password: 'yet another passphrase' });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('RESET_TOKEN_INVALID');
    expect((await t.client().login(patient.email, NEW_PASSWORD)).statusCode).toBe(200);

    // Neither the token nor the passwords reach the logs.
    const logs = t.logs.join('\n');
    for (const secret of [token, token.split('.')[1]!, NEW_PASSWORD]) expect(logs).not.toContain(secret);
  });

  it('an unknown address gets the same answer and no email', async () => {
    const known = await signUpPatient(t);
    const forKnown = await requestReset(t, known.email);
    const before = await outboxCount(t);
    const forUnknown = await requestReset(t, 'nobody.here@example.org');
    expect(forUnknown.body).toBe(forKnown.body);
    expect(forUnknown.headers['content-type']).toBe(forKnown.headers['content-type']);
    expect(await outboxCount(t)).toBe(before);

    await resetMailFor(known.email);
    expect(sink.messages.filter(isTo('nobody.here@example.org'))).toHaveLength(0);
  });

  it('a link expires after PASSWORD_RESET_MINUTES', async () => {
    const patient = await signUpPatient(t);
    await requestReset(t, patient.email);
    const token = tokenIn((await resetMailFor(patient.email)).text ?? '');
    expect(t.p.config.resetTokenMinutes).toBe(30);
    t.clock.advance(30 * 60 + 1);
    const late = await t.client().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('RESET_TOKEN_INVALID');
    expect((await t.client().login(patient.email, patient.password)).statusCode).toBe(200);
  });

  it('a link used just before it expires still works', async () => {
    const patient = await signUpPatient(t);
    await requestReset(t, patient.email);
    const token = tokenIn((await resetMailFor(patient.email)).text ?? '');
    t.clock.advance(30 * 60 - 5);
    const response = await t.client().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(response.statusCode).toBe(204);
  });

  it('a tampered token is refused and does not use up the real one', async () => {
    const patient = await signUpPatient(t);
    await requestReset(t, patient.email);
    const token = tokenIn((await resetMailFor(patient.email)).text ?? '');
    const [id, mac] = token.split('.') as [string, string];
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    for (const forged of [
      `${id}.${flip(mac, mac.length - 1)}`,
      `${id}.${flip(mac, 0)}`,
      `${id}.${mac.slice(0, -1)}`,
      `${id[0] === 'a' ? 'b' : 'a'}${id.slice(1)}.${mac}`,
      `${id}.${mac}.extra`,
      `${id}.`,
      id,
    ]) {
      const response = await t
        .client()
        .post('/api/auth/password-reset/confirm', { token: forged, password: NEW_PASSWORD });
      expect(response.statusCode, forged).toBe(400);
      expect(response.json().code, forged).toBe('RESET_TOKEN_INVALID');
    }
    const real = await t.client().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(real.statusCode).toBe(204);
  });

  it('a newer request replaces the older link', async () => {
    const patient = await signUpPatient(t);
    await requestReset(t, patient.email);
    const first = tokenIn((await resetMailFor(patient.email)).text ?? '');
    await requestReset(t, patient.email);
    await t.drainOutbox();
    const mails = sink.messages.filter(isTo(patient.email));
    expect(mails).toHaveLength(2);
    const second = tokenIn(mails[1]!.text ?? '');
    expect(second).not.toBe(first);
    const old = await t.client().post('/api/auth/password-reset/confirm', { token: first, password: NEW_PASSWORD });
    expect(old.json().code).toBe('RESET_TOKEN_INVALID');
    const fresh = await t.client().post('/api/auth/password-reset/confirm', { token: second, password: NEW_PASSWORD });
    expect(fresh.statusCode).toBe(204);
  });

  it('a patient who chose Spanish gets the message in Spanish', async () => {
    const patient = await signUpPatient(t, 'es');
    await requestReset(t, patient.email);
    const mail = await resetMailFor(patient.email);
    expect(mail.subject).toBe('Restablezca su contraseña de Dermis');
    expect(mail.text).toContain('/reset-password#token=');
  });
});

describe('password reset email in embedded mode (no SMTP_URL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is written as an .eml file in DATA_DIR/mail that a person can open and follow', async () => {
    expect(t.p.config.smtp).toBeNull();
    const patient = await signUpPatient(t);
    await requestReset(t, patient.email);
    const mailDir = path.join(t.dataDir, 'mail');
    expect(fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []).toEqual([]);

    await t.drainOutbox();
    const files = fs.readdirSync(mailDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const file = path.join(mailDir, files[0]!);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const mail = await simpleParser(fs.readFileSync(file));
    expect(mail.subject).toBe('Reset your Dermis password');
    expect(isTo(patient.email)(mail)).toBe(true);
    expect(mail.from?.text).toContain('no-reply@dermis.localhost');
    const token = tokenIn(mail.text ?? '');
    for (const phi of ['Wilhelmina', 'Quistgaard', '1961']) {
      expect(mail.text?.replaceAll(token, '<token>')).not.toContain(phi);
    }

    const confirm = await t.client().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(confirm.statusCode).toBe(204);
    expect((await t.client().login(patient.email, NEW_PASSWORD)).statusCode).toBe(200);
  });
});
