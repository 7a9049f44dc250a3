// Steps several journeys share (not a journey itself): the page's own API calls, and signing in with TOTP.
import { CURRENT_CONSENT_VERSION } from '@dermis/core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildResponse, lesionAnswers } from '../core/src/intake/sample-responses.ts';
import { DEMO, signInStaff } from './totp.ts';

/** A JSON API call made by the page itself (same origin, its session cookie, its CSRF token). */
export async function callApi(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return page.evaluate(
    async ({ method, url, body, headers }) => {
      const session = await fetch('/api/auth/session').then((r) => (r.ok ? r.json() : null));
      const response = await fetch(url, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(session?.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null };
    },
    { method, url, body, headers },
  );
}

/** A new patient, signed up (and signed in) in `page`, with the current consent accepted. */
export async function signUpPatientByApi(
  page: Page,
  baseUrl: string,
  names: { givenName: string; familyName: string },
) {
  await page.goto(`${baseUrl}/sign-in`);
  const signup = await callApi(page, 'POST', '/api/auth/signup', {
    email: `journey.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.org`,
    password: 'a long passphrase for journeys',
    ...names,
    birthDate: '1971-02-03',
  });
  expect(signup.status).toBe(201);
  expect((await callApi(page, 'POST', '/api/consents', { version: CURRENT_CONSENT_VERSION })).status).toBe(201);
}

/** One photo (JPEG bytes, base64) uploaded over tus into a body site of a draft, the way the app sends it. */
export async function uploadPhotoByApi(page: Page, caseId: string, bodySiteId: string, photoBase64: string) {
  const uploaded = await page.evaluate(
    async ({ id, bodySiteId, photo }) => {
      const session = await fetch('/api/auth/session').then((r) => r.json());
      const bytes = Uint8Array.from(atob(photo), (c) => c.charCodeAt(0));
      const common = { 'tus-resumable': '1.0.0', 'x-csrf-token': session.csrfToken };
      const created = await fetch('/api/uploads', {
        method: 'POST',
        headers: {
          ...common,
          'upload-length': String(bytes.length),
          'upload-metadata': `caseId ${btoa(id)},bodySiteId ${btoa(bodySiteId)}`,
        },
      });
      const patched = await fetch(created.headers.get('location')!, {
        method: 'PATCH',
        headers: { ...common, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
        body: bytes,
      });
      return patched.status;
    },
    { id: caseId, bodySiteId, photo: photoBase64 },
  );
  expect(uploaded).toBe(204);
}

/** A lesion case of the left forearm with `photoCount` photos (JPEG bytes, base64), sent through the app's API. */
export async function submitCaseByApi(page: Page, photoBase64: string, photoCount = 1): Promise<string> {
  const draft = await callApi(page, 'POST', '/api/cases', { concern: 'lesion' });
  expect(draft.status).toBe(201);
  const id = draft.json.id as string;
  const intake = await callApi(page, 'PUT', `/api/cases/${id}/intake`, {
    version: 0,
    response: buildResponse(lesionAnswers),
  });
  expect(intake.status).toBe(200);
  const sites = await callApi(page, 'PUT', `/api/cases/${id}/body-sites`, {
    bodySites: [{ site: '14975008', laterality: 'left' }],
  });
  expect(sites.status).toBe(200);
  const bodySiteId = sites.json.bodySites[0].id as string;
  for (let n = 0; n < photoCount; n++) await uploadPhotoByApi(page, id, bodySiteId, photoBase64);
  const sent = await callApi(
    page,
    'POST',
    `/api/cases/${id}/submit`,
    { intakeVersion: intake.json.version },
    { 'idempotency-key': `e2e-${id}` },
  );
  expect(sent.status, JSON.stringify(sent.json)).toBe(201);
  return id;
}

/** The demo dermatologist, signed in with password and authenticator code (see signInStaff). */
export function signInDermatologist(page: Page, baseUrl: string) {
  return signInStaff(page, baseUrl, DEMO.dermatologist, 'home-dermatologist');
}
