import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, startTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { readyDraft, signUpPatient, submit } from '../cases/case-test-support.ts';
import { findCaseInScope } from '../cases/index.ts';
import { recordFirstResponse } from './claim.service.ts';
import { ANSWERS, seedQueue, signedIn, signInNewDermatologist, userIdOf } from './review-test-support.ts';

// Issue 5: one owner at a time, release, admin reassignment, only the owner opens the full case, audit.

let t: TestApp;
let derm: TestClient;
let dermId: string;
let second: { client: TestClient; id: string };

beforeAll(async () => {
  t = await startTestApp();
  derm = await signedIn(t, 'dermatologist');
  dermId = await userIdOf(t, demoAccount('dermatologist').email);
  second = await signInNewDermatologist(t);
});
afterAll(async () => {
  await t?.close();
});

async function queued(answers = ANSWERS.routineHair): Promise<string> {
  const [id] = await seedQueue(t, [{ answers, submittedAt: t.clock.now() }]);
  return id!;
}

async function statusOf(caseId: string) {
  const { rows } = await t.p.db.query<{ status: string; assigned_to: string | null; first_claimed_at: Date | null }>(
    'SELECT status, assigned_to, first_claimed_at FROM cases WHERE id = $1',
    [caseId],
  );
  return rows[0]!;
}

async function lastAudit(action: string, objectId: string) {
  const { rows } = await t.p.db.query<{ user_id: string; outcome: string; patient_id: string | null }>(
    'SELECT user_id, outcome, patient_id FROM audit_log WHERE action = $1 AND object_id = $2 ORDER BY seq DESC LIMIT 1',
    [action, objectId],
  );
  return rows[0];
}

describe('claiming', () => {
  it('two dermatologists claiming at once: one gets the case, the other 409 CASE_ALREADY_CLAIMED', async () => {
    const id = await queued();
    const [a, b] = await Promise.all([
      derm.post(`/api/review/cases/${id}/claim`),
      second.client.post(`/api/review/cases/${id}/claim`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('CASE_ALREADY_CLAIMED');
    const winner = a.statusCode === 200 ? dermId : second.id;
    expect(await statusOf(id)).toMatchObject({ status: 'in_review', assigned_to: winner });
    // A later claim by the loser is refused the same way; the owner's repeat claim is a no-op.
    const loserClient = winner === dermId ? second.client : derm;
    const winnerClient = winner === dermId ? derm : second.client;
    expect((await loserClient.post(`/api/review/cases/${id}/claim`)).json().code).toBe('CASE_ALREADY_CLAIMED');
    expect((await winnerClient.post(`/api/review/cases/${id}/claim`)).json()).toMatchObject({ assignedTo: winner });
  });

  it('a claim is a status change on the timeline and an audit row naming the patient', async () => {
    const id = await queued();
    const response = await derm.post(`/api/review/cases/${id}/claim`);
    expect(response.json()).toMatchObject({ id, status: 'in_review', assignedTo: dermId });
    const { rows } = await t.p.db.query<{ type: string; data: unknown; actor_user_id: string }>(
      'SELECT type, data, actor_user_id FROM case_events WHERE case_id = $1 ORDER BY id DESC LIMIT 1',
      [id],
    );
    expect(rows[0]).toEqual({
      type: 'status.changed',
      data: { from: 'submitted', to: 'in_review' },
      actor_user_id: dermId,
    });
    expect(await lastAudit('review.claim', id)).toMatchObject({
      user_id: dermId,
      outcome: 'success',
      patient_id: expect.any(String),
    });
  });

  it('an unknown case, or one not in the queue, is 404', async () => {
    const unknown = await derm.post('/api/review/cases/0b6f7a52-8a4e-4a53-9d7e-1f0e3c3b9a10/claim');
    expect(unknown.statusCode).toBe(404);
    const id = await queued();
    await t.p.db.query("UPDATE cases SET status = 'withdrawn' WHERE id = $1", [id]);
    expect((await derm.post(`/api/review/cases/${id}/claim`)).statusCode).toBe(404);
  });
});

describe('release and reassignment', () => {
  it('the owner releases the case back to the queue, where another dermatologist can claim it', async () => {
    const id = await queued();
    await derm.post(`/api/review/cases/${id}/claim`);
    const notOwner = await second.client.post(`/api/review/cases/${id}/release`);
    expect(notOwner.statusCode).toBe(409);
    expect(notOwner.json().code).toBe('CASE_NOT_CLAIMED');
    const released = await derm.post(`/api/review/cases/${id}/release`);
    expect(released.json()).toMatchObject({ status: 'submitted', assignedTo: null, claimedAt: null });
    expect(await lastAudit('review.release', id)).toMatchObject({ user_id: dermId, outcome: 'success' });
    expect((await second.client.post(`/api/review/cases/${id}/claim`)).statusCode).toBe(200);
    // The first claim time is kept for "time to pick up"; releasing an unclaimed case is refused.
    expect((await statusOf(id)).first_claimed_at).not.toBeNull();
    expect((await derm.post(`/api/review/cases/${id}/release`)).json().code).toBe('CASE_NOT_CLAIMED');
  });

  it('an admin reassigns a claimed or unclaimed case to an active dermatologist; nobody else can', async () => {
    const admin = await signedIn(t, 'admin');
    const claimed = await queued();
    await derm.post(`/api/review/cases/${claimed}/claim`);
    const moved = await admin.post(`/api/review/cases/${claimed}/reassign`, { dermatologistId: second.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'in_review', assignedTo: second.id });
    expect(await lastAudit('review.reassign', claimed)).toMatchObject({
      outcome: 'success',
      patient_id: expect.any(String),
    });

    const unclaimed = await queued();
    const given = await admin.post(`/api/review/cases/${unclaimed}/reassign`, { dermatologistId: dermId });
    expect(given.json()).toMatchObject({ status: 'in_review', assignedTo: dermId });

    const notDerm = await admin.post(`/api/review/cases/${unclaimed}/reassign`, {
      dermatologistId: await userIdOf(t, demoAccount('admin').email),
    });
    expect(notDerm.json().code).toBe('REASSIGN_TARGET_INVALID');
    for (const role of ['dermatologist', 'patient', 'referring_clinician', 'auditor']) {
      const c = role === 'dermatologist' ? derm : await signedIn(t, role);
      const response = await c.post(`/api/review/cases/${unclaimed}/reassign`, { dermatologistId: second.id });
      expect(response.statusCode, role).toBe(404);
    }
    expect((await statusOf(unclaimed)).assigned_to).toBe(dermId);
  });
});

describe('the full case after claiming', () => {
  it('only the assigned dermatologist opens it; another dermatologist, the patient, a GP and an admin get 404', async () => {
    const id = await queued(ANSWERS.urgentLesion);
    // The full case is the case view (case-review module), scoped by this module's findAssignedCase.
    const view = `/api/review/cases/${id}/view`;
    expect((await derm.get(view)).statusCode).toBe(404);
    await derm.post(`/api/review/cases/${id}/claim`);
    const opened = await derm.get(view);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ id, status: 'in_review' });

    expect((await second.client.get(view)).statusCode).toBe(404);
    for (const role of ['patient', 'referring_clinician', 'admin', 'auditor']) {
      expect((await (await signedIn(t, role)).get(view)).statusCode, role).toBe(404);
    }
    // The same scope for other modules (photos): findCaseInScope gives the case to its owner only.
    expect(await findCaseInScope(t.p.db, { userId: dermId, role: 'dermatologist' }, id)).toMatchObject({ id });
    expect(await findCaseInScope(t.p.db, { userId: second.id, role: 'dermatologist' }, id)).toBeNull();
    await derm.post(`/api/review/cases/${id}/release`);
    expect(await findCaseInScope(t.p.db, { userId: dermId, role: 'dermatologist' }, id)).toBeNull();
  });
});

describe('triage on submission', () => {
  it('a patient submission is triaged with the rules and gets its age group from the birth date at submission', async () => {
    const { client } = await signUpPatient(t);
    const draft = await readyDraft(client, t.app);
    const sent = await submit(client, draft.id, draft.intakeVersion, 'triage-on-submit');
    expect(sent.statusCode, sent.body).toBe(201);
    const { rows } = await t.p.db.query<{ triage_priority: string; triage_rules: string[]; age_group: string }>(
      'SELECT triage_priority, triage_rules, age_group FROM cases WHERE id = $1',
      [draft.id],
    );
    // The sample lesion: rapid growth, colour change, bleeding unhealed, immunosuppressed, family melanoma.
    expect(rows[0]).toEqual({
      triage_priority: 'urgent',
      triage_rules: expect.arrayContaining([
        'lesion-rapid-growth',
        'lesion-non-healing',
        'family-melanoma-changing-lesion',
      ]),
      age_group: '40_64',
    });
    const page = (await derm.get('/api/review/queue?priority=urgent&limit=100')).json();
    expect(page.items.map((i: { id: string }) => i.id)).toContain(draft.id);
  });
});

describe('time to first response', () => {
  it('keeps the first response time; later answers do not move it', async () => {
    const id = await queued();
    const first = new Date('2026-11-26T10:00:00Z');
    await recordFirstResponse(t.p.db, id, first);
    await recordFirstResponse(t.p.db, id, new Date('2026-11-27T10:00:00Z'));
    const { rows } = await t.p.db.query<{ first_response_at: Date }>(
      'SELECT first_response_at FROM cases WHERE id = $1',
      [id],
    );
    expect(rows[0]!.first_response_at.toISOString()).toBe(first.toISOString());
  });
});
