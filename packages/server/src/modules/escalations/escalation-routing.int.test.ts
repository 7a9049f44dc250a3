import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { claimedCase } from '../responses/response-test-support.ts';
import { caseRow, escalate, signInNewSpecialist } from './escalation-test-support.ts';

// Issue 6: withdrawing before the answer, naming a specialist, the rota (unavailable specialists), overdue list.

let t: TestApp;
let derm: TestClient;
let dermpath: TestClient;
let named: { client: TestClient; id: string };
let admin: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  derm = t.client();
  await derm.signInAs(t.clock, 'dermatologist');
  dermpath = t.client();
  await dermpath.signInAs(t.clock, 'specialist', 'dermatopathology');
  named = await signInNewSpecialist(t, 'dermatopathology');
  admin = t.client();
  await admin.signInAs(t.clock, 'admin');
});
afterAll(async () => {
  await t?.close();
});

const openIds = async (c: TestClient) =>
  (await c.get('/api/specialist/queue')).json().open.map((e: { id: string }) => e.id) as string[];

describe('withdrawing an escalation', () => {
  it('before the answer: the case returns to review, the queue forgets it, a new escalation may start', async () => {
    const { caseId } = await claimedCase(t, derm);
    const id = (await escalate(derm, caseId)).json().id as string;
    expect(await openIds(dermpath)).toContain(id);
    const withdrawn = await derm.post(`/api/review/escalations/${id}/withdraw`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
    expect((await caseRow(t, caseId)).status).toBe('in_review');
    expect(await openIds(dermpath)).not.toContain(id);
    expect((await dermpath.post(`/api/specialist/escalations/${id}/claim`)).statusCode).toBe(404);
    const twice = await derm.post(`/api/review/escalations/${id}/withdraw`);
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'ESCALATION_NOT_PENDING']);
    expect((await escalate(derm, caseId)).statusCode).toBe(201);
  });

  it('a claimed escalation can be withdrawn too; the specialist loses the case at once', async () => {
    const { caseId } = await claimedCase(t, derm);
    const id = (await escalate(derm, caseId)).json().id as string;
    expect((await dermpath.post(`/api/specialist/escalations/${id}/claim`)).statusCode).toBe(200);
    expect((await dermpath.get(`/api/specialist/escalations/${id}`)).statusCode).toBe(200);
    expect((await derm.post(`/api/review/escalations/${id}/withdraw`)).statusCode).toBe(200);
    expect((await dermpath.get(`/api/specialist/escalations/${id}`)).statusCode).toBe(404);
    expect((await dermpath.post(`/api/specialist/escalations/${id}/sign`)).statusCode).toBe(404);
  });

  it('only from a case in review: an unclaimed case cannot be escalated (404 outside the owner)', async () => {
    const { caseId } = await claimedCase(t, derm);
    expect((await derm.post(`/api/review/cases/${caseId}/release`)).statusCode).toBe(200);
    expect((await escalate(derm, caseId)).statusCode).toBe(404);
  });
});

describe('naming a specialist and the rota', () => {
  it('an escalation named for one specialist is in their queue only', async () => {
    const { caseId } = await claimedCase(t, derm);
    const created = await escalate(derm, caseId, { specialistId: named.id });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const queue = (await named.client.get('/api/specialist/queue')).json();
    expect(queue.open.find((e: { id: string }) => e.id === id)).toMatchObject({ namedForMe: true });
    expect(await openIds(dermpath)).not.toContain(id);
    expect((await dermpath.post(`/api/specialist/escalations/${id}/claim`)).statusCode).toBe(404);
  });

  it('an unavailable specialist, or one of another type, cannot be named', async () => {
    const { caseId } = await claimedCase(t, derm);
    const wrongType = await escalate(derm, caseId, { specialistType: 'mohs_surgery', specialistId: named.id });
    expect(wrongType.json().code).toBe('SPECIALIST_UNAVAILABLE');
    const off = await admin.put(`/api/admin/specialists/${named.id}/availability`, { isAvailable: false });
    expect(off.statusCode, off.body).toBe(200);
    expect((await escalate(derm, caseId, { specialistId: named.id })).json().code).toBe('SPECIALIST_UNAVAILABLE');
    expect((await escalate(derm, caseId, { specialistType: 'unknown_type' })).json().code).toBe(
      'SPECIALIST_TYPE_UNKNOWN',
    );
    expect((await admin.put(`/api/admin/specialists/${named.id}/availability`, { isAvailable: true })).statusCode).toBe(
      200,
    );
    expect((await escalate(derm, caseId, { specialistId: named.id })).statusCode).toBe(201);
    // Only admins manage the rota.
    expect((await derm.put(`/api/admin/specialists/${named.id}/availability`, { isAvailable: false })).statusCode).toBe(
      404,
    );
  });
});

describe('overdue escalations for admins', () => {
  it('lists escalations past their type target (metadata only), configurable per type', async () => {
    await t.p.db.query(`UPDATE specialist_types SET target_hours = 1 WHERE code = 'dermatopathology'`);
    const { caseId } = await claimedCase(t, derm);
    const id = (await escalate(derm, caseId)).json().id as string;
    const before = (await admin.get('/api/admin/escalations/overdue')).json();
    expect(before.escalations.map((e: { id: string }) => e.id)).not.toContain(id);
    t.clock.advance(2 * 3600);
    await admin.signInAs(t.clock, 'admin');
    const after = await admin.get('/api/admin/escalations/overdue');
    expect(after.statusCode).toBe(200);
    const entry = after.json().escalations.find((e: { id: string }) => e.id === id);
    expect(Object.keys(entry).sort()).toEqual(
      ['caseNumber', 'claimedBy', 'dueAt', 'escalatedAt', 'id', 'specialistType', 'status'].sort(),
    );
    await derm.signInAs(t.clock, 'dermatologist');
    expect((await derm.get('/api/admin/escalations/overdue')).statusCode).toBe(404);
  });
});
