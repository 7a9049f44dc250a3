// Shared scene for the case-review integration tests (not a test file itself).
import { expect } from 'vitest';
import { demoAccount, type TestApp, type TestClient } from '../../../test/harness.ts';
import { currentTotpCode } from '../auth/totp.ts';
import { readyDraft, signUpPatient, submit } from '../cases/case-test-support.ts';
import { addPhoto } from '../photos/photo-test-support.ts';

export interface ReviewScene {
  derm: TestClient;
  /** A second dermatologist (the demo Mohs surgeon's account, given the dermatologist role by the admin). */
  otherDerm: TestClient;
  patient: TestClient;
  gp: TestClient;
  admin: TestClient;
  /** The patient's earlier case (submitted first) and the case under review, claimed by `derm`. */
  earlier: { id: string; photoId: string };
  current: { id: string; photoId: string; bodySiteId: string };
  /** Another patient's case of the same body site, submitted before `current`. */
  stranger: { id: string; photoId: string };
}

async function submittedCase(t: TestApp, c: TestClient) {
  const draft = await readyDraft(c, t.app);
  const photos = await c.get(`/api/cases/${draft.id}/photos`);
  const photoId = photos.json().photos[0].id as string;
  const sent = await submit(c, draft.id, draft.intakeVersion, `key-${draft.id}`);
  expect(sent.statusCode, sent.body).toBe(201);
  t.clock.advance(60);
  return { id: draft.id, photoId, bodySiteId: draft.bodySiteId };
}

export async function buildReviewScene(t: TestApp): Promise<ReviewScene> {
  const admin = t.client({ ip: '198.51.100.20' });
  await admin.signInAs(t.clock, 'admin');
  const mohs = demoAccount('specialist', 'mohs_surgery');
  const mohsId = await t.p.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [mohs.email]);
  const changed = await admin.patch(`/api/admin/users/${mohsId.rows[0]!.id}`, {
    role: 'dermatologist',
    specialistType: null,
  });
  expect(changed.statusCode, changed.body).toBe(200);

  const { client: patient } = await signUpPatient(t, { givenName: 'Robin', familyName: 'Quist' });
  const { client: strangerClient } = await signUpPatient(t, { givenName: 'Kim', familyName: 'Other' });
  const earlier = await submittedCase(t, patient);
  const stranger = await submittedCase(t, strangerClient);
  const current = await submittedCase(t, patient);

  const derm = t.client({ ip: '198.51.100.21' });
  await derm.signInAs(t.clock, 'dermatologist');
  const claimed = await derm.post(`/api/review/cases/${current.id}/claim`);
  expect(claimed.statusCode, claimed.body).toBe(200);

  const otherDerm = t.client({ ip: '198.51.100.22' });
  expect((await otherDerm.login(mohs.email)).statusCode).toBe(200);
  const verified = await otherDerm.post('/api/auth/mfa/verify', {
    code: currentTotpCode(mohs.totpSecret!, t.clock.now()),
  });
  expect(verified.statusCode, verified.body).toBe(200);
  t.clock.advance(30);

  const gp = t.client({ ip: '198.51.100.23' });
  await gp.signInAs(t.clock, 'referring_clinician');
  return { derm, otherDerm, patient, gp, admin, earlier, current, stranger };
}

/** A second photo of the same site on the case, e.g. a side angle. */
export function addSecondPhoto(t: TestApp, c: TestClient, caseId: string, bodySiteId: string) {
  return addPhoto(t.app, c, caseId, bodySiteId);
}

export const rectangle = (photoId: string, text = 'Irregular border, 4 mm') => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  type: 'Annotation',
  body: [{ type: 'TextualBody', value: text, purpose: 'commenting' }],
  target: {
    source: `urn:dermis:photo:${photoId}`,
    selector: {
      type: 'FragmentSelector',
      conformsTo: 'http://www.w3.org/TR/media-frags/',
      value: 'xywh=pixel:100,120,200,150',
    },
  },
});

export const polygon = (photoId: string, text = 'Satellite papule') => ({
  type: 'Annotation',
  body: { type: 'TextualBody', value: text },
  target: {
    source: `urn:dermis:photo:${photoId}`,
    selector: { type: 'SvgSelector', value: '<svg><polygon points="10,10 300,40 150,400"></polygon></svg>' },
  },
});

export async function auditActions(t: TestApp, objectId: string): Promise<string[]> {
  const { rows } = await t.p.db.query<{ action: string; outcome: string }>(
    'SELECT action, outcome FROM audit_log WHERE object_id = $1 ORDER BY seq',
    [objectId],
  );
  return rows.map((r) => `${r.action}:${r.outcome}`);
}
