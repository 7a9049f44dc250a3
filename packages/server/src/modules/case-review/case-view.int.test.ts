import type { CaseReviewView } from '@dermis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { expectProblem } from '../../../test/security/problem-assertions.ts';
import { findPhotoInScope } from '../photos/photo-scope.ts';
import { auditActions, buildReviewScene, type ReviewScene } from './case-review-test-support.ts';

// The dermatologist's one-screen case view (issue 5, "Case view").

let t: TestApp;
let s: ReviewScene;
let view: CaseReviewView;

beforeAll(async () => {
  t = await startTestApp();
  s = await buildReviewScene(t);
  const response = await s.derm.get(`/api/review/cases/${s.current.id}/view`);
  expect(response.statusCode, response.body).toBe(200);
  view = response.json();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('the case view for the assigned dermatologist', () => {
  it('has the patient, the case and the stored triage reasons', () => {
    expect(view).toMatchObject({
      id: s.current.id,
      concern: 'lesion',
      status: 'in_review',
      priority: 'urgent',
      patient: { givenName: 'Robin', familyName: 'Quist', birthDate: '1984-07-09', ageYears: 42, sex: null },
    });
    expect(view.redFlags).toContain('lesion-bleeding');
    expect(view.intake.questionnaire).toBe('https://dermis.dev/fhir/Questionnaire/skin-intake|1.0.0');
    expect((view.intake.response as { resourceType: string }).resourceType).toBe('QuestionnaireResponse');
    expect(view.bodySites.map((b) => [b.id, b.laterality])).toEqual([[s.current.bodySiteId, 'left']]);
  });

  it('signs links to every photo for this dermatologist only', async () => {
    expect(view.photos.map((p) => p.id)).toEqual([s.current.photoId]);
    const photo = view.photos[0]!;
    const image = await s.derm.get(photo.links.master);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect((await s.otherDerm.get(photo.links.thumbnail)).statusCode).toBe(404);
    expect((await s.patient.get(photo.links.thumbnail)).statusCode).toBe(404);
  });

  it("lists the patient's earlier cases, and no one else's", () => {
    expect(view.earlierCases.map((c) => c.id)).toEqual([s.earlier.id]);
    expect(view.earlierCases[0]).toMatchObject({ concern: 'lesion', status: 'submitted' });
  });

  it('compares each body site with the same site in earlier submissions of the same patient', async () => {
    expect(view.comparisons).toHaveLength(1);
    const [site] = view.comparisons;
    expect(site!.bodySiteId).toBe(s.current.bodySiteId);
    expect(site!.earlier.map((e) => [e.caseId, e.photo.id])).toEqual([[s.earlier.id, s.earlier.photoId]]);
    expect(site!.earlier[0]!.submittedAt < view.submittedAt).toBe(true);
    // The earlier photo is served to the reviewing dermatologist (comparison scope), and audited.
    const image = await s.derm.get(site!.earlier[0]!.photo.links.preview);
    expect(image.statusCode).toBe(200);
    expect(await auditActions(t, s.earlier.photoId)).toContain('photo.read:success');
  });

  it('audits the read against the case', async () => {
    expect(await auditActions(t, s.current.id)).toContain('case_review.read:success');
  });
});

describe('who else may open it', () => {
  it.each([
    ['another dermatologist', () => s.otherDerm],
    ['the patient', () => s.patient],
    ['a GP', () => s.gp],
    ['an admin', () => s.admin],
  ])('%s gets 404', async (_name, who) => {
    expectProblem(await who().get(`/api/review/cases/${s.current.id}/view`), 404, 'NOT_FOUND');
  });

  it("the assigned dermatologist gets 404 for the patient's earlier (unclaimed) case and a stranger's case", async () => {
    expectProblem(await s.derm.get(`/api/review/cases/${s.earlier.id}/view`), 404, 'NOT_FOUND');
    expectProblem(await s.derm.get(`/api/review/cases/${s.stranger.id}/view`), 404, 'NOT_FOUND');
  });

  it("a stranger's photo of the same site is outside the comparison scope the image route checks", async () => {
    const derm = await t.p.db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'derm@demo.dermis.test'`);
    const actor = { userId: derm.rows[0]!.id, role: 'dermatologist' as const };
    expect(await findPhotoInScope(t.p.db, actor, s.earlier.photoId)).not.toBeNull();
    expect(await findPhotoInScope(t.p.db, actor, s.stranger.photoId)).toBeNull();
    const other = await t.p.db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'mohs@demo.dermis.test'`);
    expect(
      await findPhotoInScope(t.p.db, { userId: other.rows[0]!.id, role: 'dermatologist' }, s.earlier.photoId),
    ).toBeNull();
  });

  it('after the dermatologist releases the case, the earlier photos are out of their reach again', async () => {
    const earlierLink = view.comparisons[0]!.earlier[0]!.photo.links.thumbnail;
    const released = await s.derm.post(`/api/review/cases/${s.current.id}/release`);
    expect(released.statusCode, released.body).toBe(200);
    expect((await s.derm.get(earlierLink)).statusCode).toBe(404);
    expectProblem(await s.derm.get(`/api/review/cases/${s.current.id}/view`), 404, 'NOT_FOUND');
    const again = await s.derm.post(`/api/review/cases/${s.current.id}/claim`);
    expect(again.statusCode, again.body).toBe(200);
    expect((await s.derm.get(earlierLink)).statusCode).toBe(200);
  });
});
