// Shared steps for the cases integration tests (not a test file itself).
import { CURRENT_CONSENT_VERSION } from '@dermis/core';
import { expect } from 'vitest';
import { buildResponse, lesionAnswers, rashAnswers } from '../../../../core/src/intake/sample-responses.ts';
import type { TestApp, TestClient } from '../../../test/harness.ts';
import type { App } from '../../platform/app.ts';
import { addPhoto } from '../photos/photo-test-support.ts';

export { buildResponse, lesionAnswers, rashAnswers };

let signups = 0;

/** A new patient who signs up (and is signed in); each has a patient record of their own. */
export async function signUpPatient(t: TestApp, names = { givenName: 'Robin', familyName: 'Quist' }) {
  signups++;
  const email = `case.patient.${signups}.${Date.now()}@example.org`;
  const c = t.client({ ip: `203.0.113.${signups}` });
  const response = await c.post('/api/auth/signup', {
    email,
    password: 'a long passphrase for cases',
    ...names,
    birthDate: '1984-07-09',
  });
  expect(response.statusCode, response.body).toBe(201);
  return { client: c, email };
}

export async function createDraft(c: TestClient, concern = 'lesion') {
  const response = await c.post('/api/cases', { concern });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; caseNumber: string };
}

export async function acceptConsent(c: TestClient) {
  const response = await c.post('/api/consents', { version: CURRENT_CONSENT_VERSION });
  expect(response.statusCode, response.body).toBe(201);
}

/**
 * A draft with consent, complete lesion answers, one body site and an accepted photo of it (uploaded over tus
 * through `app`): ready to submit. Returns its intake version and body site id.
 */
export async function readyDraft(c: TestClient, app: App) {
  const draft = await createDraft(c);
  await acceptConsent(c);
  const saved = await c.put(`/api/cases/${draft.id}/intake`, { version: 0, response: buildResponse(lesionAnswers) });
  expect(saved.statusCode, saved.body).toBe(200);
  const sites = await c.put(`/api/cases/${draft.id}/body-sites`, {
    bodySites: [{ site: '14975008', laterality: 'left' }],
  });
  expect(sites.statusCode, sites.body).toBe(200);
  const bodySiteId = sites.json().bodySites[0].id as string;
  await addPhoto(app, c, draft.id, bodySiteId);
  return { ...draft, intakeVersion: saved.json().version as number, bodySiteId };
}

export function submit(c: TestClient, caseId: string, intakeVersion: number, key: string | null) {
  return c.request(
    'POST',
    `/api/cases/${caseId}/submit`,
    { intakeVersion },
    key === null ? {} : { 'idempotency-key': key },
  );
}
