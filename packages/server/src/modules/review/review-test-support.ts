// Shared steps for the review integration tests (not a test file itself).
import { expect } from 'vitest';
import {
  acneAnswers,
  hairAnswers,
  lesionAnswers,
  nailAnswers,
  type ResponseAnswers,
  rashAnswers,
} from '../../../../core/src/intake/sample-responses.ts';
import type { TestApp, TestClient } from '../../../test/harness.ts';
import { sealText } from '../../platform/crypto.ts';
import { currentTotpCode, hashPassword, insertUser } from '../auth/index.ts';
import { insertSubmittedCase } from '../demo/seed-demo-cases.ts';

/** Intake answers and the priority the triage rules give them. */
export const ANSWERS = {
  urgentLesion: lesionAnswers,
  urgentRash: rashAnswers,
  soonNail: nailAnswers,
  soonAcne: acneAnswers,
  routineHair: hairAnswers,
} satisfies Record<string, ResponseAnswers>;

export interface QueuedCaseSpec {
  answers: ResponseAnswers;
  submittedAt: Date;
  birthDate?: string;
}

let seeded = 0;

/** Submitted, triaged cases, each with a patient of its own; returns their ids in the order given. */
export async function seedQueue(t: TestApp, specs: QueuedCaseSpec[]): Promise<string[]> {
  return t.p.db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const spec of specs) {
      seeded++;
      const created = await insertSubmittedCase(tx, t.p, {
        email: `queued.${seeded}.${Date.now()}@example.org`,
        patient: { givenName: 'Queued', familyName: `Patient${seeded}`, birthDate: spec.birthDate ?? '1980-01-01' },
        answers: spec.answers,
        submittedAt: spec.submittedAt,
      });
      ids.push(created!.id);
    }
    return ids;
  });
}

const STAFF_PASSWORD = 'a long passphrase for review staff';
const STAFF_TOTP_SECRET = 'JBSWY3DPEHPK3PXPREVIEWTESTAAAAAA';
let staff = 0;

/** A second (third…) dermatologist with a password and an authenticator, signed in. */
export async function signInNewDermatologist(t: TestApp): Promise<{ client: TestClient; id: string }> {
  staff++;
  const now = t.p.clock.now();
  const user = await insertUser(
    t.p.db,
    {
      email: `derm.${staff}.${Date.now()}@example.org`,
      displayName: `Dr Review ${staff}`,
      role: 'dermatologist',
      specialistType: null,
      passwordHash: await hashPassword(STAFF_PASSWORD),
      locale: 'en',
    },
    now,
  );
  await t.p.db.query('UPDATE users SET totp_secret_sealed = $2, totp_enabled_at = $3 WHERE id = $1', [
    user!.id,
    sealText(t.p.keys, STAFF_TOTP_SECRET, `totp:${user!.id}`),
    now,
  ]);
  const client = t.client();
  expect((await client.login(user!.email, STAFF_PASSWORD)).statusCode).toBe(200);
  const verified = await client.post('/api/auth/mfa/verify', {
    code: currentTotpCode(STAFF_TOTP_SECRET, t.clock.now()),
  });
  expect(verified.statusCode, verified.body).toBe(200);
  t.clock.advance(30);
  return { client, id: user!.id };
}

export async function signedIn(t: TestApp, role: string): Promise<TestClient> {
  const client = t.client();
  await client.signInAs(t.clock, role);
  return client;
}

export async function userIdOf(t: TestApp, email: string): Promise<string> {
  const { rows } = await t.p.db.query<{ id: string }>('SELECT id FROM users WHERE email_normalized = $1', [email]);
  return rows[0]!.id;
}
