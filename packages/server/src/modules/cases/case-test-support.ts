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
  return { ...draft, ...(await completeDraft(c, app, draft.id)) };
}

export function submit(c: TestClient, caseId: string, intakeVersion: number, key: string | null) {
  return c.request(
    'POST',
    `/api/cases/${caseId}/submit`,
    { intakeVersion },
    key === null ? {} : { 'idempotency-key': key },
  );
}

// ---- Referring clinicians (Advice & Guidance) ----

/** Valid patient details as a GP enters them (NHS number 943 476 5919 passes the Modulus 11 check). */
export function patientDetails(overrides: Record<string, unknown> = {}) {
  return {
    givenName: 'Jane',
    familyName: 'Doe',
    birthDate: '1970-03-14',
    identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '943 476 5919' },
    ...overrides,
  };
}

/** A GP's draft for a patient; `attest` records the consent attestation with it. */
export async function createDraftForPatient(
  c: TestClient,
  options: { patient?: Record<string, unknown>; attest?: boolean; concern?: string } = {},
) {
  const response = await c.post('/api/cases/for-patient', {
    concern: options.concern ?? 'lesion',
    patient: options.patient ?? patientDetails(),
    ...(options.attest === false ? {} : { attestation: { version: CURRENT_CONSENT_VERSION } }),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; caseNumber: string; patient: { givenName: string } };
}

/** Complete lesion answers, one body site and an accepted photo on an existing draft: ready to submit. */
export async function completeDraft(c: TestClient, app: App, caseId: string) {
  const saved = await c.put(`/api/cases/${caseId}/intake`, { version: 0, response: buildResponse(lesionAnswers) });
  expect(saved.statusCode, saved.body).toBe(200);
  const sites = await c.put(`/api/cases/${caseId}/body-sites`, {
    bodySites: [{ site: '14975008', laterality: 'left' }],
  });
  expect(sites.statusCode, sites.body).toBe(200);
  const bodySiteId = sites.json().bodySites[0].id as string;
  await addPhoto(app, c, caseId, bodySiteId);
  return { intakeVersion: saved.json().version as number, bodySiteId };
}
