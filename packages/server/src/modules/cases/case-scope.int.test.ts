import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { expectProblem } from '../../../test/security/problem-assertions.ts';
import { buildResponse, lesionAnswers, readyDraft, signUpPatient, submit } from './case-test-support.ts';

// Objects outside a user's scope answer 404 (DESIGN.md, rules never bent), on every case route, by id and
// in lists, and the refused attempt leaves the case as it was.
let t: TestApp;
let owner: TestClient;
let other: TestClient;
let draftId: string;
let submittedId: string;

beforeAll(async () => {
  t = await startTestApp();
  owner = (await signUpPatient(t)).client;
  other = (await signUpPatient(t, { givenName: 'Kim', familyName: 'Other' })).client;
  const draft = await readyDraft(owner, t.app);
  draftId = draft.id;
  const sent = await readyDraft(owner, t.app);
  expect((await submit(owner, sent.id, sent.intakeVersion, 'scope-key')).statusCode).toBe(201);
  submittedId = sent.id;
});
afterAll(async () => {
  await t?.close();
});

const routes = (id: string): [string, string, unknown, Record<string, string>?][] => [
  ['GET', `/api/cases/${id}`, undefined],
  ['PUT', `/api/cases/${id}/intake`, { version: 1, response: buildResponse(lesionAnswers) }],
  ['PUT', `/api/cases/${id}/body-sites`, { bodySites: [] }],
  ['POST', `/api/cases/${id}/submit`, { intakeVersion: 1 }, { 'idempotency-key': `other-${id}` }],
  ['POST', `/api/cases/${id}/withdraw`, undefined],
];

describe('case scope', () => {
  it.each([
    ['a draft', () => draftId],
    ['a submitted case', () => submittedId],
  ])('another patient gets 404 on every route for %s, and nothing changes', async (_name, idOf) => {
    const id = idOf();
    const before = (await owner.get(`/api/cases/${id}`)).json();
    // The other patient has consent, so a 404 cannot be a consent refusal in disguise.
    await other.post('/api/consents', { version: '2026-11-v1' });
    for (const [method, url, body, headers] of routes(id)) {
      const response = await other.request(method, url, body, headers);
      expectProblem(response, 404, 'NOT_FOUND');
    }
    expect((await owner.get(`/api/cases/${id}`)).json()).toEqual(before);
  });

  it('an unknown id answers exactly like another patient’s case', async () => {
    const unknown = await other.get('/api/cases/00000000-0000-4000-8000-000000000000');
    const foreign = await other.get(`/api/cases/${draftId}`);
    expect(unknown.statusCode).toBe(404);
    expect(foreign.body).toBe(unknown.body);
  });

  it('lists show only the caller’s own cases', async () => {
    expect((await other.get('/api/cases')).json().cases).toEqual([]);
    const mine = (await owner.get('/api/cases')).json().cases.map((c: { id: string }) => c.id);
    expect(mine.sort()).toEqual([draftId, submittedId].sort());
  });

  it('staff roles do not reach the patient case routes (404)', async () => {
    const derm = t.client();
    await derm.signInAs(t.clock, 'dermatologist');
    expectProblem(await derm.get('/api/cases'), 404, 'NOT_FOUND');
    expectProblem(await derm.get(`/api/cases/${submittedId}`), 404, 'NOT_FOUND');
  });

  it('the refused reads are audited as denied, naming the case but not the patient', async () => {
    const { rows } = await t.p.db.query<{ action: string; outcome: string; patient_id: string | null }>(
      `SELECT action, outcome, patient_id FROM audit_log WHERE object_id = $1 AND outcome = 'denied'`,
      [draftId],
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['case.read', 'case.intake.save', 'case.body_sites.save', 'case.submit', 'case.withdraw']),
    );
    expect(rows.every((r) => r.patient_id === null)).toBe(true);
  });
});
