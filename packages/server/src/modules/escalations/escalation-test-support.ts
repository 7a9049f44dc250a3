// Shared steps for the escalation integration tests (not a test file itself).
import { expect } from 'vitest';
import type { TestApp, TestClient } from '../../../test/harness.ts';
import { sealText } from '../../platform/crypto.ts';
import { currentTotpCode, hashPassword, insertUser } from '../auth/index.ts';

const PASSWORD = 'a long passphrase for a specialist';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPSPECIALISTAAAAAA';
let made = 0;

/** Another specialist of `type` (the demo accounts give one per type), signed in with their second factor. */
export async function signInNewSpecialist(t: TestApp, type: string): Promise<{ client: TestClient; id: string }> {
  made++;
  const now = t.p.clock.now();
  const user = await insertUser(
    t.p.db,
    {
      email: `specialist.${made}.${Date.now()}@example.org`,
      displayName: `Dr Specialist ${made}`,
      role: 'specialist',
      specialistType: type,
      passwordHash: await hashPassword(PASSWORD),
      locale: 'en',
    },
    now,
  );
  await t.p.db.query('UPDATE users SET totp_secret_sealed = $2, totp_enabled_at = $3 WHERE id = $1', [
    user!.id,
    sealText(t.p.keys, TOTP_SECRET, `totp:${user!.id}`),
    now,
  ]);
  const client = t.client();
  expect((await client.login(user!.email, PASSWORD)).statusCode).toBe(200);
  const verified = await client.post('/api/auth/mfa/verify', { code: currentTotpCode(TOTP_SECRET, t.clock.now()) });
  expect(verified.statusCode, verified.body).toBe(200);
  t.clock.advance(30);
  return { client, id: user!.id };
}

export const QUESTION = 'Is the irregular pigment network consistent with a dysplastic naevus or early melanoma?';

export const NOTE = {
  assessment: 'Asymmetric, two colours, atypical network at the 3 o clock edge.',
  answer: 'Features favour a dysplastic naevus; melanoma cannot be excluded on images alone.',
  recommendation: 'Excision biopsy with 2 mm margins.',
  suggestedDisposition: 'in_person_referral',
} as const;

export async function escalate(derm: TestClient, caseId: string, body: Record<string, unknown> = {}) {
  return derm.post(`/api/review/cases/${caseId}/escalations`, {
    specialistType: 'dermatopathology',
    question: QUESTION,
    routingNote: 'Routine, the patient is anxious.',
    ...body,
  });
}

export async function caseRow(t: TestApp, caseId: string) {
  const { rows } = await t.p.db.query<{ status: string; assigned_to: string | null }>(
    'SELECT status, assigned_to FROM cases WHERE id = $1',
    [caseId],
  );
  return rows[0]!;
}
