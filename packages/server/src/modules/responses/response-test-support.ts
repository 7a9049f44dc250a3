// Shared steps for the responses integration tests (not a test file itself).
import { randomUUID } from 'node:crypto';
import type { ResponseContent } from '@dermis/core';
import { expect } from 'vitest';
import { demoAccount, type TestApp, type TestClient } from '../../../test/harness.ts';
import { readyDraft, signUpPatient, submit } from '../cases/case-test-support.ts';

/** Signed-in dermatologists: the demo one, and a second (the demo Mohs surgeon, made a dermatologist). */
export async function signInDermatologists(t: TestApp) {
  const admin = t.client({ ip: '198.51.100.90' });
  await admin.signInAs(t.clock, 'admin');
  const { rows } = await t.p.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [
    demoAccount('specialist', 'mohs_surgery').email,
  ]);
  const changed = await admin.patch(`/api/admin/users/${rows[0]!.id}`, { role: 'dermatologist' });
  expect(changed.statusCode, changed.body).toBe(200);
  const derm = t.client({ ip: '198.51.100.91' });
  await derm.signInAs(t.clock, 'dermatologist');
  const otherDerm = t.client({ ip: '198.51.100.92' });
  await otherDerm.signInAs(t.clock, 'specialist', 'mohs_surgery');
  return { derm, otherDerm };
}

/** A patient's submitted case, claimed by `derm` (through the review module's claim route). */
export async function claimedCase(t: TestApp, derm: TestClient) {
  const { client: patient, email } = await signUpPatient(t);
  const draft = await readyDraft(patient, t.app);
  const submitted = await submit(patient, draft.id, draft.intakeVersion, randomUUID());
  expect(submitted.statusCode, submitted.body).toBe(201);
  const claimed = await derm.post(`/api/review/cases/${draft.id}/claim`);
  expect(claimed.statusCode, claimed.body).toBe(200);
  return { patient, email, caseId: draft.id, bodySiteId: draft.bodySiteId };
}

export function content(overrides: Partial<ResponseContent> = {}): ResponseContent {
  return {
    disposition: 'in_person_referral',
    narrative: 'Please see a dermatologist in person within four weeks so the mole can be examined.',
    medication: null,
    imageRequests: [],
    carePlan: 'none',
    ...overrides,
  };
}

/** Saves `body` on top of `version` and expects it to be accepted; returns the new version. */
export async function saveDraft(derm: TestClient, caseId: string, version: number, body: ResponseContent) {
  const saved = await derm.put(`/api/cases/${caseId}/response-draft`, { version, content: body });
  expect(saved.statusCode, saved.body).toBe(200);
  return saved.json().version as number;
}

/** Writes and signs a response in one go. */
export async function signResponse(derm: TestClient, caseId: string, body: ResponseContent = content()) {
  const current = await derm.get(`/api/cases/${caseId}/response-draft`);
  const version = await saveDraft(derm, caseId, current.json().version as number, body);
  const signed = await derm.post(`/api/cases/${caseId}/response/sign`, { version });
  expect(signed.statusCode, signed.body).toBe(201);
  return signed.json() as { id: string; carePlan: { id: string } | null };
}

/** A small, valid PDF (made with pdf-lib, as a clinician's own document would be). */
export async function samplePdf(): Promise<Buffer> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText('Care plan');
  return Buffer.from(await doc.save());
}

/** Uploads raw bytes as the client (TestClient sends JSON or text; a PDF must travel as bytes). */
export function putCarePlan(
  t: TestApp,
  client: TestClient,
  caseId: string,
  bytes: Buffer,
  contentType = 'application/pdf',
) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/cases/${caseId}/response/care-plan`,
    headers: {
      'content-type': contentType,
      ...(client.cookie ? { cookie: client.cookie } : {}),
      ...(client.csrfToken ? { 'x-csrf-token': client.csrfToken } : {}),
    },
    payload: bytes,
  });
}
