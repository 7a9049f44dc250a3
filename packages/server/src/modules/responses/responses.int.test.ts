import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { asOwner } from '../../../test/security/database-owner.ts';
import { expectProblem } from '../../../test/security/problem-assertions.ts';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { signUpPatient } from '../cases/case-test-support.ts';
import { findOpenPhotoRequests, markPhotoRequestFulfilled } from './index.ts';
import { claimedCase, content, saveDraft, signInDermatologists, signResponse } from './response-test-support.ts';

// The dermatologist's response (issue 5 "Response"): who may write it, versioned drafts, signing, amendments,
// what the patient sees, and the notification.

let t: TestApp;
let smtp: SmtpSink;
let derm: TestClient;
let otherDerm: TestClient;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startTestApp({ smtpUrl: smtp.url });
  ({ derm, otherDerm } = await signInDermatologists(t));
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const draftUrl = (caseId: string) => `/api/cases/${caseId}/response-draft`;

describe('who may write the response', () => {
  it('only the assigned dermatologist; another dermatologist, the patient and other patients get 404', async () => {
    const { caseId, patient } = await claimedCase(t, derm);
    const { client: stranger } = await signUpPatient(t, { givenName: 'Other', familyName: 'Person' });
    expect((await derm.get(draftUrl(caseId))).statusCode).toBe(200);
    for (const client of [otherDerm, patient, stranger]) {
      expectProblem(await client.get(draftUrl(caseId)), 404, 'NOT_FOUND');
      expectProblem(await client.put(draftUrl(caseId), { version: 0, content: content() }), 404, 'NOT_FOUND');
      expectProblem(await client.post(`/api/cases/${caseId}/response/sign`, { version: 1 }), 404, 'NOT_FOUND');
    }
    const { rows } = await t.p.db.query('SELECT 1 FROM response_drafts WHERE case_id = $1', [caseId]);
    expect(rows).toEqual([]);
  });

  it('an unclaimed case has no response for any dermatologist', async () => {
    const { caseId } = await claimedCase(t, derm);
    expect((await derm.post(`/api/review/cases/${caseId}/release`)).statusCode).toBe(200);
    expectProblem(await derm.get(draftUrl(caseId)), 404, 'NOT_FOUND');
    expectProblem(await otherDerm.get(draftUrl(caseId)), 404, 'NOT_FOUND');
  });
});

describe('the draft', () => {
  it('starts empty at version 0 and goes up by one on every save', async () => {
    const { caseId } = await claimedCase(t, derm);
    const empty = (await derm.get(draftUrl(caseId))).json();
    expect(empty).toMatchObject({ version: 0, savedAt: null, isSigned: false, content: { disposition: null } });
    expect(await saveDraft(derm, caseId, 0, content({ narrative: 'Draft one' }))).toBe(1);
    expect(await saveDraft(derm, caseId, 1, content({ narrative: 'Draft two' }))).toBe(2);
    const read = (await derm.get(draftUrl(caseId))).json();
    expect(read).toMatchObject({ version: 2, content: { narrative: 'Draft two' } });
    expect(read.savedAt).toBe(t.clock.now().toISOString());
  });

  it('a stale save (another tab) gets 409 with the stored and the sent version; nothing is overwritten', async () => {
    const { caseId } = await claimedCase(t, derm);
    await saveDraft(derm, caseId, 0, content({ narrative: 'From tab A' }));
    await saveDraft(derm, caseId, 1, content({ narrative: 'From tab A, later' }));
    const stale = await derm.put(draftUrl(caseId), { version: 1, content: content({ narrative: 'From tab B' }) });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    const body = stale.json();
    expect(body.code).toBe('RESPONSE_DRAFT_VERSION_CONFLICT');
    expect(body.stored).toMatchObject({ version: 2, content: { narrative: 'From tab A, later' } });
    expect(body.sent).toEqual({ version: 1, content: content({ narrative: 'From tab B' }) });
    // "Keep mine": save again on top of the stored version.
    expect(await saveDraft(derm, caseId, 2, content({ narrative: 'From tab B' }))).toBe(3);
  });

  it('survives an idle sign-out: a new session reads what was typed', async () => {
    const { caseId } = await claimedCase(t, derm);
    await saveDraft(derm, caseId, 0, content({ narrative: 'Typed before the coffee break' }));
    t.clock.advance((t.p.config.session.idleMinutesStaff + 1) * 60);
    expectProblem(await derm.get(draftUrl(caseId)), 401, 'SESSION_EXPIRED');
    await derm.signInAs(t.clock, 'dermatologist');
    // The other dermatologist's session timed out as well.
    await otherDerm.signInAs(t.clock, 'specialist', 'mohs_surgery');
    const read = (await derm.get(draftUrl(caseId))).json();
    expect(read).toMatchObject({ version: 1, content: { narrative: 'Typed before the coffee break' } });
  });

  it('rejects unknown fields and over-long text (400); every read and save is audited, refusals too', async () => {
    const { caseId } = await claimedCase(t, derm);
    const unknown = await derm.put(draftUrl(caseId), { version: 0, content: { ...content(), diagnosis: 'x' } });
    expectProblem(unknown, 400, 'VALIDATION_FAILED');
    const long = await derm.put(draftUrl(caseId), { version: 0, content: content({ narrative: 'x'.repeat(20_001) }) });
    expectProblem(long, 400, 'VALIDATION_FAILED');
    await saveDraft(derm, caseId, 0, content());
    expect((await derm.put(draftUrl(caseId), { version: 0, content: content() })).statusCode).toBe(409);
    await derm.get(draftUrl(caseId));
    expectProblem(await otherDerm.get(draftUrl(caseId)), 404, 'NOT_FOUND');
    const { rows } = await t.p.db.query<{ action: string; outcome: string }>(
      `SELECT action, outcome FROM audit_log WHERE object_id = $1 AND action LIKE 'response.%' ORDER BY seq`,
      [caseId],
    );
    expect(rows).toEqual([
      { action: 'response.draft.save', outcome: 'success' },
      { action: 'response.draft.save', outcome: 'failure' },
      { action: 'response.draft.read', outcome: 'success' },
      { action: 'response.draft.read', outcome: 'denied' },
    ]);
  });
});

describe('signing', () => {
  it('an incomplete response is refused with the problems named; nothing is signed', async () => {
    const { caseId } = await claimedCase(t, derm);
    const nothing = expectProblem(
      await derm.post(`/api/cases/${caseId}/response/sign`, { version: 1 }),
      400,
      'RESPONSE_INCOMPLETE',
    );
    expect((nothing.errors as { code: string }[]).map((e) => e.code)).toEqual([
      'DISPOSITION_REQUIRED',
      'NARRATIVE_REQUIRED',
    ]);
    const version = await saveDraft(derm, caseId, 0, content({ disposition: 'prescription_generated' }));
    const refused = expectProblem(
      await derm.post(`/api/cases/${caseId}/response/sign`, { version }),
      400,
      'RESPONSE_INCOMPLETE',
    );
    expect(refused.errors).toEqual([
      { path: 'medication', code: 'MEDICATION_REQUIRED', message: 'add the medication' },
    ]);
    const { rows } = await t.p.db.query('SELECT 1 FROM signed_responses WHERE case_id = $1', [caseId]);
    expect(rows).toEqual([]);
  });

  it('sends the response: case responded, first response time, timeline, audit; signing twice is 409', async () => {
    const { caseId } = await claimedCase(t, derm);
    const version = await saveDraft(derm, caseId, 0, content());
    t.clock.advance(60);
    const signed = await derm.post(`/api/cases/${caseId}/response/sign`, { version });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json()).toMatchObject({
      sequence: 1,
      disposition: 'in_person_referral',
      signedByName: 'Dr Sam Okafor',
      amendments: [],
    });
    const { rows } = await t.p.db.query<{ status: string; first_response_at: Date | null }>(
      'SELECT status, first_response_at FROM cases WHERE id = $1',
      [caseId],
    );
    expect(rows[0]).toEqual({ status: 'responded', first_response_at: t.clock.now() });
    const events = await t.p.db.query<{ data: { to: string } }>(
      `SELECT data FROM case_events WHERE case_id = $1 AND type = 'status.changed' ORDER BY id DESC LIMIT 1`,
      [caseId],
    );
    expect(events.rows[0]?.data.to).toBe('responded');
    const audit = await t.p.db.query(`SELECT 1 FROM audit_log WHERE object_id = $1 AND action = 'response.sign'`, [
      caseId,
    ]);
    expect(audit.rows).toHaveLength(1);

    expectProblem(await derm.post(`/api/cases/${caseId}/response/sign`, { version }), 409, 'RESPONSE_ALREADY_SIGNED');
    expectProblem(
      await derm.put(draftUrl(caseId), { version, content: content({ narrative: 'Edited after signing' }) }),
      409,
      'RESPONSE_ALREADY_SIGNED',
    );
  });

  it('a signed response cannot be changed or deleted, even by SQL; the draft version must be the latest', async () => {
    const { caseId } = await claimedCase(t, derm);
    const v1 = await saveDraft(derm, caseId, 0, content());
    await saveDraft(derm, caseId, v1, content({ narrative: 'The final words.' }));
    expectProblem(
      await derm.post(`/api/cases/${caseId}/response/sign`, { version: v1 }),
      409,
      'RESPONSE_DRAFT_VERSION_CONFLICT',
    );
    const { id } = await signResponse(derm, caseId, content({ narrative: 'The final words.' }));
    // The app's database role may not change it at all; the owner (an operator) is stopped by the trigger.
    await expect(
      t.p.db.query(`UPDATE signed_responses SET narrative = 'Rewritten' WHERE id = $1`, [id]),
    ).rejects.toThrow(/permission denied/);
    await asOwner(t, async (owner) => {
      await expect(
        owner.query(`UPDATE signed_responses SET narrative = 'Rewritten' WHERE id = $1`, [id]),
      ).rejects.toThrow(/insert-only/);
      await expect(owner.query('DELETE FROM signed_responses WHERE id = $1', [id])).rejects.toThrow(/insert-only/);
    });
    const { rows } = await t.p.db.query<{ narrative: string }>('SELECT narrative FROM signed_responses WHERE id = $1', [
      id,
    ]);
    expect(rows[0]?.narrative).toBe('The final words.');
  });

  it('asking for more photos waits for the patient; when they arrive the next response is signed', async () => {
    const { caseId, patient } = await claimedCase(t, derm);
    const request = {
      site: '14975008',
      laterality: 'left' as const,
      view: 'side_angle' as const,
      instruction: 'From the side, so the raised edge shows.',
    };
    const signed = await signResponse(
      derm,
      caseId,
      content({ disposition: 'additional_images_requested', imageRequests: [request] }),
    );
    const status = async () =>
      (await t.p.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId])).rows[0]?.status;
    expect(await status()).toBe('waiting_for_patient');
    const seen = (await patient.get(`/api/cases/${caseId}/response`)).json();
    expect(seen.responses[0].requestedPhotos).toEqual([
      { id: expect.any(String), ...request, siteLabel: 'Left forearm' },
    ]);
    // The draft stays signed while the case waits for the patient.
    const waiting = (await derm.get(draftUrl(caseId))).json();
    expect(waiting.isSigned).toBe(true);
    expectProblem(
      await derm.put(draftUrl(caseId), { version: waiting.version, content: content() }),
      409,
      'RESPONSE_ALREADY_SIGNED',
    );

    // The re-submission flow (another module) marks the photo sent and returns the case to review.
    const open = await findOpenPhotoRequests(t.p.db, caseId);
    expect(open.map((r) => r.view)).toEqual(['side_angle']);
    expect(await markPhotoRequestFulfilled(t.p.db, caseId, open[0]!.id, t.clock.now())).toBe(true);
    expect(await findOpenPhotoRequests(t.p.db, caseId)).toEqual([]);
    await expect(
      t.p.db.query(`UPDATE more_images_requests SET instruction = 'x' WHERE response_id = $1`, [signed.id]),
    ).rejects.toThrow(/cannot change/);
    await t.p.db.query(`UPDATE cases SET status = 'in_review' WHERE id = $1`, [caseId]);

    t.clock.advance(120);
    const second = await signResponse(derm, caseId, content({ disposition: 'no_action_required' }));
    expect(second.id).not.toBe(signed.id);
    expect(await status()).toBe('responded');
    const both = (await patient.get(`/api/cases/${caseId}/response`)).json();
    expect(both.responses.map((r: { sequence: number; disposition: string }) => [r.sequence, r.disposition])).toEqual([
      [1, 'additional_images_requested'],
      [2, 'no_action_required'],
    ]);
    // Time to first response is the request for photos, not the later answer.
    const first = await t.p.db.query<{ first_response_at: Date; signed_at: Date }>(
      `SELECT c.first_response_at, r.signed_at FROM cases c JOIN signed_responses r ON r.case_id = c.id
       WHERE c.id = $1 AND r.sequence = 1`,
      [caseId],
    );
    expect(first.rows[0]?.first_response_at).toEqual(first.rows[0]?.signed_at);
  });
});

describe('amendments', () => {
  it('add to the signed response and keep the original as signed', async () => {
    const { caseId, patient } = await claimedCase(t, derm);
    expectProblem(
      await derm.post(`/api/cases/${caseId}/response/amendments`, { reason: 'Typo', text: 'x' }),
      409,
      'RESPONSE_NOT_SIGNED',
    );
    const signed = await signResponse(derm, caseId, content({ narrative: 'Use the cream twice daily.' }));
    const amended = await derm.post(`/api/cases/${caseId}/response/amendments`, {
      reason: 'Dose correction',
      text: 'Once daily is enough.',
    });
    expect(amended.statusCode, amended.body).toBe(201);
    expect(amended.json()).toMatchObject({
      id: signed.id,
      narrative: 'Use the cream twice daily.',
      amendments: [{ reason: 'Dose correction', text: 'Once daily is enough.', authorName: 'Dr Sam Okafor' }],
    });
    const seen = (await patient.get(`/api/cases/${caseId}/response`)).json();
    expect(seen.responses[0].narrative).toBe('Use the cream twice daily.');
    expect(seen.responses[0].amendments).toHaveLength(1);
    expectProblem(
      await otherDerm.post(`/api/cases/${caseId}/response/amendments`, { reason: 'x', text: 'y' }),
      404,
      'NOT_FOUND',
    );
    await asOwner(t, async (owner) => {
      await expect(
        owner.query(`UPDATE response_amendments SET text = 'z' WHERE case_id = $1`, [caseId]),
      ).rejects.toThrow(/insert-only/);
    });
  });
});

describe('what the patient sees', () => {
  it('nothing before signing (not the draft), everything after; other patients get 404', async () => {
    const { caseId, patient } = await claimedCase(t, derm);
    await saveDraft(derm, caseId, 0, content({ narrative: 'Not ready for the patient yet' }));
    const before = await patient.get(`/api/cases/${caseId}/response`);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ caseId, status: 'in_review', responses: [] });
    expect(before.body).not.toContain('Not ready');

    await signResponse(derm, caseId, content({ narrative: 'Please see a dermatologist in person.' }));
    const after = (await patient.get(`/api/cases/${caseId}/response`)).json();
    expect(after).toMatchObject({
      status: 'responded',
      responses: [
        {
          disposition: 'in_person_referral',
          narrative: 'Please see a dermatologist in person.',
          medication: null,
          carePlan: null,
        },
      ],
    });
    const { client: stranger } = await signUpPatient(t, { givenName: 'Nosy', familyName: 'Neighbour' });
    expectProblem(await stranger.get(`/api/cases/${caseId}/response`), 404, 'NOT_FOUND');
    expectProblem(await otherDerm.get(`/api/cases/${caseId}/response`), 404, 'NOT_FOUND');
  });

  it('is told by email and web push, with no PHI in the message', async () => {
    const { caseId, email } = await claimedCase(t, derm);
    await t.drainOutbox();
    const narrative = 'Distinctive narrative words: seborrhoeic keratosis on the left forearm.';
    await signResponse(derm, caseId, content({ narrative }));
    await t.drainOutbox();
    const toOf = (m: (typeof smtp.messages)[number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text;
    const mail = await smtp.waitFor((m) => toOf(m) === email && m.subject === 'Your request has been answered');
    expect(mail.text).toContain('/sign-in');
    const { rows } = await t.p.db.query<{ case_number: string }>('SELECT case_number FROM cases WHERE id = $1', [
      caseId,
    ]);
    for (const phi of ['seborrhoeic', 'forearm', 'Robin', 'Quist', rows[0]!.case_number, 'referral']) {
      expect(`${mail.subject}\n${mail.text}\n${mail.html || ''}`).not.toContain(phi);
    }
    const submitter = await t.p.db.query<{ submitted_by: string }>('SELECT submitted_by FROM cases WHERE id = $1', [
      caseId,
    ]);
    const push = await t.p.db.query<{ kind: string }>(
      `SELECT payload->>'kind' AS kind FROM outbox WHERE topic = 'push.notify' AND payload->>'userId' = $1`,
      [submitter.rows[0]!.submitted_by],
    );
    expect(push.rows.map((r) => r.kind).sort()).toEqual(['case_answered', 'case_received']);
  });
});
