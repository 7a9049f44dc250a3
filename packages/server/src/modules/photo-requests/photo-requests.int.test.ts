import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, startTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { expectProblem } from '../../../test/security/problem-assertions.ts';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { signUpPatient } from '../cases/case-test-support.ts';
import { signInDermatologists } from '../responses/response-test-support.ts';
import {
  answerRequest,
  caseRow,
  caseWaitingForPhotos,
  closeUpRequest,
  sendPhotos,
  uploadFor,
} from './photo-request-test-support.ts';

// More images (issue 5): the submitter uploads only against the dermatologist's open requests, then sends them;
// the case returns to the same dermatologist, re-triaged, and they are told.

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

describe('uploads while the case waits for the patient', () => {
  it('need one of the case’s open request ids; body site and view come from the request', async () => {
    const { patient, caseId, bodySiteId, requestIds } = await caseWaitingForPhotos(t, derm);
    const other = await caseWaitingForPhotos(t, derm);

    const noRequest = await uploadFor(t, patient, { caseId, bodySiteId, view: 'close_up' });
    expectProblem(noRequest.created, 409, 'PHOTO_REQUEST_REQUIRED');
    const foreign = await uploadFor(t, patient, { caseId, photoRequestId: other.requestIds[0]! });
    expectProblem(foreign.created, 404, 'NOT_FOUND');
    const unknown = await uploadFor(t, patient, { caseId, photoRequestId: randomUUID() });
    expectProblem(unknown.created, 404, 'NOT_FOUND');

    // The client's own body site and view are ignored: the request decides.
    const closeUp = await answerRequest(t, patient, caseId, requestIds[0]!);
    let list = (await patient.get(`/api/cases/${caseId}/photo-requests`)).json();
    expect(list).toMatchObject({ caseId, isWaiting: true, requestedAt: expect.any(String) });
    expect(list.requests.map((r: { photoCount: number }) => r.photoCount)).toEqual([1, 0]);
    const { finished } = await uploadFor(t, patient, {
      caseId,
      photoRequestId: requestIds[1]!,
      bodySiteId,
      view: 'context',
    });
    expect(finished?.statusCode, finished?.body).toBe(204);
    const { rows } = await t.p.db.query<{ id: string; view: string | null; site_code: string; request: string }>(
      `SELECT p.id, p.view, s.site_code, p.photo_request_id AS request FROM photos p
       JOIN case_body_sites s ON s.id = p.body_site_id WHERE p.case_id = $1 AND p.photo_request_id IS NOT NULL`,
      [caseId],
    );
    // The test clock does not move between the uploads: order by request, as the requests were made.
    rows.sort((a, b) => requestIds.indexOf(a.request) - requestIds.indexOf(b.request));
    // The back was not one of the case's sites: it is added; "with scale" is the request's view, not a photo view.
    expect(rows).toEqual([
      { id: closeUp, view: 'close_up', site_code: '14975008', request: requestIds[0] },
      { id: finished!.headers['dermis-photo-id'], view: null, site_code: '77568009', request: requestIds[1] },
    ]);
    const photos = (await patient.get(`/api/cases/${caseId}/photos`)).json().photos as { photoRequestId: string }[];
    expect(photos.map((p) => p.photoRequestId).sort()).toEqual([null, ...requestIds].sort());

    list = (await patient.get(`/api/cases/${caseId}/photo-requests`)).json();
    expect(list.requests.map((r: { photoCount: number }) => r.photoCount)).toEqual([1, 1]);
    expect(list.requests[0].request).toMatchObject({ ...closeUpRequest, siteLabel: 'Left forearm' });
  });

  it('are refused for a draft given a request id, and for everyone outside the case (404)', async () => {
    const { caseId, requestIds } = await caseWaitingForPhotos(t, derm);
    const { client: stranger } = await signUpPatient(t, { givenName: 'Other', familyName: 'Person' });
    const other = await uploadFor(t, stranger, { caseId, photoRequestId: requestIds[0]! });
    expectProblem(other.created, 404, 'NOT_FOUND');
    expectProblem(await stranger.get(`/api/cases/${caseId}/photo-requests`), 404, 'NOT_FOUND');
    expectProblem(await sendPhotos(stranger, caseId), 404, 'NOT_FOUND');
    const draft = await stranger.post('/api/cases', { concern: 'lesion' });
    const onDraft = await uploadFor(t, stranger, { caseId: draft.json().id, photoRequestId: requestIds[0]! });
    expectProblem(onDraft.created, 404, 'NOT_FOUND');
    // Dermatologists (even the assigned one) do not send on the patient's behalf.
    expectProblem(await sendPhotos(derm, caseId), 404, 'NOT_FOUND');
    expectProblem(await derm.get(`/api/cases/${caseId}/photo-requests`), 404, 'NOT_FOUND');
  });
});

describe('sending the new photos', () => {
  it('is refused until every request has a photo; then the case is back with the same dermatologist', async () => {
    const { patient, caseId, requestIds } = await caseWaitingForPhotos(t, derm);
    const before = await caseRow(t, caseId);
    // The dermatologist sees since when the case waits for the patient.
    const waiting = (await derm.get(`/api/review/cases/${caseId}/view`)).json();
    expect(waiting).toMatchObject({
      status: 'waiting_for_patient',
      waitingForPatientSince: t.clock.now().toISOString(),
    });
    await answerRequest(t, patient, caseId, requestIds[0]!);
    const missing = expectProblem(await sendPhotos(patient, caseId), 409, 'REQUESTED_PHOTOS_MISSING');
    expect(missing.errors).toEqual([expect.objectContaining({ path: `/requests/${requestIds[1]}` })]);
    expect((await caseRow(t, caseId)).status).toBe('waiting_for_patient');

    await answerRequest(t, patient, caseId, requestIds[1]!);
    // Stale triage (as if the rules had read older answers): sending recomputes it from the intake.
    await t.p.db.query(`UPDATE cases SET triage_priority = 'routine', triage_rules = '{}' WHERE id = $1`, [caseId]);
    t.clock.advance(60);
    const key = randomUUID();
    const sent = await sendPhotos(patient, caseId, key);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toEqual({ caseId, status: 'in_review', sentAt: t.clock.now().toISOString(), requestCount: 2 });
    const replay = await sendPhotos(patient, caseId, key);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(sent.body);
    expectProblem(await sendPhotos(patient, caseId), 409, 'CASE_TRANSITION_NOT_ALLOWED');

    const after = await caseRow(t, caseId);
    expect(after).toMatchObject({ status: 'in_review', assigned_to: before.assigned_to, triage_priority: 'urgent' });
    expect(after.triaged_at).toEqual(t.clock.now());
    expect(after.photos_returned_at).toEqual(t.clock.now());
    const events = await t.p.db.query<{ data: unknown; actor_role: string }>(
      `SELECT data, actor_role FROM case_events WHERE case_id = $1 AND type = 'status.changed' ORDER BY id DESC LIMIT 1`,
      [caseId],
    );
    expect(events.rows[0]).toEqual({ data: { from: 'waiting_for_patient', to: 'in_review' }, actor_role: 'patient' });
    expect((await patient.get(`/api/cases/${caseId}/photo-requests`)).json()).toMatchObject({
      isWaiting: false,
      requests: [],
    });

    // After the photos went, uploads are closed again.
    const late = await uploadFor(t, patient, { caseId, photoRequestId: requestIds[0]! });
    expectProblem(late.created, 409, 'CASE_NOT_EDITABLE');

    // The same dermatologist has it in "mine", marked; the other dermatologist still cannot open it.
    const mine = (await derm.get('/api/review/queue?review=mine')).json();
    expect(mine.items.find((i: { id: string }) => i.id === caseId)).toMatchObject({
      review: 'mine',
      resubmittedAt: t.clock.now().toISOString(),
    });
    expect((await derm.get(`/api/review/cases/${caseId}/view`)).json()).toMatchObject({
      status: 'in_review',
      waitingForPatientSince: null,
    });
    expect((await otherDerm.get(`/api/review/cases/${caseId}/view`)).statusCode).toBe(404);
  });

  it('tells the dermatologist by email and web push, without PHI', async () => {
    const { patient, caseId, requestIds } = await caseWaitingForPhotos(t, derm, [closeUpRequest]);
    await answerRequest(t, patient, caseId, requestIds[0]!);
    expect((await sendPhotos(patient, caseId)).statusCode).toBe(200);
    await t.drainOutbox();
    const dermEmail = demoAccount('dermatologist').email;
    const toOf = (m: (typeof smtp.messages)[number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text;
    const mail = await smtp.waitFor((m) => toOf(m) === dermEmail && m.subject === 'New photos arrived');
    const { rows } = await t.p.db.query<{ case_number: string }>('SELECT case_number FROM cases WHERE id = $1', [
      caseId,
    ]);
    for (const phi of [rows[0]!.case_number, 'Robin', 'Quist', 'forearm', 'mole', caseId]) {
      expect(`${mail.subject}\n${mail.text}`).not.toContain(phi);
    }
    const push = await t.p.db.query<{ payload: { userId: string; kind: string } }>(
      `SELECT payload FROM outbox WHERE topic = 'push.notify' AND payload->>'kind' = 'photos_returned'`,
    );
    const assignee = (await caseRow(t, caseId)).assigned_to;
    expect(push.rows.map((r) => r.payload.userId)).toContain(assignee);
  });

  it('works the same for a referring GP who sent the case', async () => {
    const gp = t.client({ ip: '198.51.100.77' });
    await gp.signInAs(t.clock, 'referring_clinician');
    const { createDraftForPatient, completeDraft, submit } = await import('../cases/case-test-support.ts');
    const draft = await createDraftForPatient(gp);
    const { intakeVersion } = await completeDraft(gp, t.app, draft.id);
    expect((await submit(gp, draft.id, intakeVersion, randomUUID())).statusCode).toBe(201);
    expect((await derm.post(`/api/review/cases/${draft.id}/claim`)).statusCode).toBe(200);
    const { signResponse, content } = await import('../responses/response-test-support.ts');
    await signResponse(
      derm,
      draft.id,
      content({ disposition: 'additional_images_requested', imageRequests: [closeUpRequest] }),
    );
    const list = (await gp.get(`/api/cases/${draft.id}/photo-requests`)).json();
    await answerRequest(t, gp, draft.id, list.requests[0].request.id);
    expect((await sendPhotos(gp, draft.id)).statusCode).toBe(200);
    expect((await caseRow(t, draft.id)).status).toBe('in_review');
  });
});
