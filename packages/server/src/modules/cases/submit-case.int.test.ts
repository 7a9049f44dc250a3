import { CURRENT_CONSENT_VERSION } from '@dermis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { expectProblem } from '../../../test/security/problem-assertions.ts';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { addPhoto } from '../photos/photo-test-support.ts';
import {
  acceptConsent,
  buildResponse,
  createDraft,
  lesionAnswers,
  readyDraft,
  signUpPatient,
  submit,
} from './case-test-support.ts';

let t: TestApp;
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startTestApp({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function countsFor(caseId: string) {
  const q = async (sql: string) => Number((await t.p.db.query<{ n: number }>(sql, [caseId])).rows[0]!.n);
  return {
    outbox: await q(
      `SELECT count(*)::int AS n FROM outbox WHERE topic = 'email.case_received' AND payload->>'caseId' = $1`,
    ),
    events: await q(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'status.changed'`),
    submitAudits: await q(
      `SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1::text AND action = 'case.submit' AND outcome = 'success'`,
    ),
    status: (await t.p.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId])).rows[0]!
      .status,
  };
}

describe('consent', () => {
  it('the current text is served in the patient’s language with the emergency advice', async () => {
    const { client } = await signUpPatient(t);
    const en = (await client.get('/api/consent/current')).json();
    expect(en.version).toBe(CURRENT_CONSENT_VERSION);
    expect(en.emergencyAdvice).toContain('911 (US) / 999 (UK)');
    const es = (await client.get('/api/consent/current?locale=es')).json();
    expect(es.locale).toBe('es');
    expect(es.sections[0].body).toContain('911');
  });

  it('accepting records who, which version, when (UTC), from where', async () => {
    const { client } = await signUpPatient(t);
    const response = await client.request(
      'POST',
      '/api/consents',
      { version: CURRENT_CONSENT_VERSION },
      { 'user-agent': 'ConsentTest/1.0' },
    );
    expect(response.statusCode).toBe(201);
    const { rows } = await t.p.db.query<{
      version: string;
      accepted_at: Date;
      ip: string;
      user_agent: string;
      kind: string;
    }>('SELECT version, accepted_at, ip, user_agent, kind FROM consents WHERE id = $1', [response.json().id]);
    expect(rows[0]).toMatchObject({ version: CURRENT_CONSENT_VERSION, user_agent: 'ConsentTest/1.0', kind: 'patient' });
    expect(rows[0]!.accepted_at.toISOString()).toBe(t.clock.now().toISOString());
    expect(rows[0]!.ip).toMatch(/^203\.0\.113\./);
  });

  it('an old or unknown version is refused with 409 CONSENT_VERSION_OUTDATED and nothing recorded', async () => {
    const { client } = await signUpPatient(t);
    const before = (await t.p.db.query('SELECT id FROM consents')).rows.length;
    expectProblem(await client.post('/api/consents', { version: '2025-01-v1' }), 409, 'CONSENT_VERSION_OUTDATED');
    expect((await t.p.db.query('SELECT id FROM consents')).rows).toHaveLength(before);
  });

  it('submission without consent is refused (409 CONSENT_REQUIRED) and the case stays a draft', async () => {
    const { client } = await signUpPatient(t);
    const draft = await createDraft(client);
    const saved = await client.put(`/api/cases/${draft.id}/intake`, {
      version: 0,
      response: buildResponse(lesionAnswers),
    });
    const sites = await client.put(`/api/cases/${draft.id}/body-sites`, { bodySites: [{ site: '89545001' }] });
    await addPhoto(t.app, client, draft.id, sites.json().bodySites[0].id);
    expectProblem(await submit(client, draft.id, saved.json().version, 'no-consent'), 409, 'CONSENT_REQUIRED');
    expect(await countsFor(draft.id)).toEqual({ outbox: 0, events: 0, submitAudits: 0, status: 'draft' });
    // Nothing happened, so the same key works once consent is given.
    await acceptConsent(client);
    expect((await submit(client, draft.id, saved.json().version, 'no-consent')).statusCode).toBe(201);
  });
});

describe('submission', () => {
  it('answers a receipt with the case number and the response window; status, timeline, audit and email job in one go', async () => {
    const { client } = await signUpPatient(t);
    const draft = await readyDraft(client, t.app);
    const response = await submit(client, draft.id, draft.intakeVersion, 'first-submit');
    expect(response.statusCode, response.body).toBe(201);
    // The test clock is Wednesday 2026-11-25; two business days later is Friday.
    expect(response.json()).toEqual({
      caseId: draft.id,
      caseNumber: draft.caseNumber,
      status: 'submitted',
      submittedAt: '2026-11-25T09:00:00.000Z',
      expectedResponseBusinessDays: 2,
      expectedResponseBy: '2026-11-27',
    });
    expect(await countsFor(draft.id)).toEqual({ outbox: 1, events: 1, submitAudits: 1, status: 'submitted' });
    const detail = (await client.get(`/api/cases/${draft.id}`)).json();
    expect(detail.expectedResponseBy).toBe('2026-11-27');
    expect(detail.intake.response.status).toBe('completed');
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'status.changed', from: 'draft', to: 'submitted' });
  });

  it('is refused without an Idempotency-Key', async () => {
    const { client } = await signUpPatient(t);
    const draft = await readyDraft(client, t.app);
    expectProblem(await submit(client, draft.id, draft.intakeVersion, null), 400, 'IDEMPOTENCY_KEY_REQUIRED');
    expect((await countsFor(draft.id)).status).toBe('draft');
  });

  it('the same key and body replays the first answer byte for byte; a different body is 422', async () => {
    const { client } = await signUpPatient(t);
    const draft = await readyDraft(client, t.app);
    const first = await submit(client, draft.id, draft.intakeVersion, 'replay-key');
    t.clock.advance(120);
    const again = await submit(client, draft.id, draft.intakeVersion, 'replay-key');
    expect(again.statusCode).toBe(first.statusCode);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['idempotent-replayed']).toBe('true');

    expectProblem(await submit(client, draft.id, draft.intakeVersion + 1, 'replay-key'), 422, 'IDEMPOTENCY_KEY_REUSED');
    // Another case under the same key is a different request too.
    const other = await readyDraft(client, t.app);
    expectProblem(await submit(client, other.id, draft.intakeVersion, 'replay-key'), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await countsFor(draft.id)).toEqual({ outbox: 1, events: 1, submitAudits: 1, status: 'submitted' });
    expect((await countsFor(other.id)).status).toBe('draft');
  });

  it('two concurrent submits with one key: one 201, the other 409 in progress or the replay; exactly one submission', async () => {
    const { client } = await signUpPatient(t);
    const draft = await readyDraft(client, t.app);
    const responses = await Promise.all([
      submit(client, draft.id, draft.intakeVersion, 'racing-key'),
      submit(client, draft.id, draft.intakeVersion, 'racing-key'),
    ]);
    const statuses = responses.map((r) => r.statusCode).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const created = responses.filter((r) => r.statusCode === 201);
    if (created.length === 2) {
      expect(created[0]!.body).toBe(created[1]!.body);
      expect(created.some((r) => r.headers['idempotent-replayed'] === 'true')).toBe(true);
    } else {
      expectProblem(responses.find((r) => r.statusCode === 409)!, 409, 'IDEMPOTENCY_IN_PROGRESS');
    }
    expect(await countsFor(draft.id)).toEqual({ outbox: 1, events: 1, submitAudits: 1, status: 'submitted' });
  });

  it('a key a crashed request left in progress is taken over after a minute', async () => {
    const { client } = await signUpPatient(t);
    const draft = await readyDraft(client, t.app);
    const userId = (await client.get('/api/auth/session')).json().user.id;
    const { requestHash } = await import('./idempotency.ts');
    await t.p.db.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, status, created_at) VALUES ($1, 'crashed', $2, 'in_progress', $3)`,
      [
        userId,
        requestHash('POST', `/api/cases/${draft.id}/submit`, { intakeVersion: draft.intakeVersion }),
        t.clock.now(),
      ],
    );
    expectProblem(await submit(client, draft.id, draft.intakeVersion, 'crashed'), 409, 'IDEMPOTENCY_IN_PROGRESS');
    t.clock.advance(61);
    expect((await submit(client, draft.id, draft.intakeVersion, 'crashed')).statusCode).toBe(201);
  });

  it('submitting again with a new key is 409 CASE_TRANSITION_NOT_ALLOWED', async () => {
    const { client } = await signUpPatient(t);
    const draft = await readyDraft(client, t.app);
    expect((await submit(client, draft.id, draft.intakeVersion, 'key-one')).statusCode).toBe(201);
    expectProblem(await submit(client, draft.id, draft.intakeVersion, 'key-two'), 409, 'CASE_TRANSITION_NOT_ALLOWED');
    expect(await countsFor(draft.id)).toEqual({ outbox: 1, events: 1, submitAudits: 1, status: 'submitted' });
    // A submitted case is a record: its answers can no longer be changed.
    const edit = await client.put(`/api/cases/${draft.id}/intake`, {
      version: draft.intakeVersion + 0,
      response: buildResponse(lesionAnswers),
    });
    expectProblem(edit, 409, 'CASE_NOT_EDITABLE');
  });

  it('incomplete answers are refused with every missing field (400 INTAKE_INVALID) and nothing changes', async () => {
    const { client } = await signUpPatient(t);
    const draft = await createDraft(client);
    await acceptConsent(client);
    const { fitzpatrick: _f, 'lesion.growth': _g, ...partial } = lesionAnswers;
    const saved = await client.put(`/api/cases/${draft.id}/intake`, { version: 0, response: buildResponse(partial) });
    expect(saved.statusCode, saved.body).toBe(200);
    await client.put(`/api/cases/${draft.id}/body-sites`, { bodySites: [{ site: '89545001' }] });
    const refused = expectProblem(
      await submit(client, draft.id, saved.json().version, 'incomplete'),
      400,
      'INTAKE_INVALID',
    );
    expect(refused.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ linkId: 'fitzpatrick', code: 'ANSWER_REQUIRED' }),
        expect.objectContaining({ linkId: 'lesion.growth', code: 'ANSWER_REQUIRED' }),
      ]),
    );
    // No answer text is echoed back.
    expect(JSON.stringify(refused)).not.toContain('mole on my forearm');
    expect(await countsFor(draft.id)).toEqual({ outbox: 0, events: 0, submitAudits: 0, status: 'draft' });
    const { rows } = await t.p.db.query<{ outcome: string }>(
      `SELECT outcome FROM audit_log WHERE object_id = $1::text AND action = 'case.submit'`,
      [draft.id],
    );
    expect(rows.map((r) => r.outcome)).toEqual(['failure']);
  });

  it('a case without body sites is refused (400 BODY_SITE_REQUIRED)', async () => {
    const { client } = await signUpPatient(t);
    const draft = await createDraft(client);
    await acceptConsent(client);
    const saved = await client.put(`/api/cases/${draft.id}/intake`, {
      version: 0,
      response: buildResponse(lesionAnswers),
    });
    expectProblem(await submit(client, draft.id, saved.json().version, 'no-sites'), 400, 'BODY_SITE_REQUIRED');
    expect((await countsFor(draft.id)).status).toBe('draft');
  });

  it('answers changed after the review (another tab) are refused: 409 INTAKE_VERSION_CONFLICT', async () => {
    const { client } = await signUpPatient(t);
    const draft = await readyDraft(client, t.app);
    expectProblem(await submit(client, draft.id, draft.intakeVersion - 1, 'stale'), 409, 'INTAKE_VERSION_CONFLICT');
  });

  it('the received email arrives over SMTP in the patient’s language with no PHI', async () => {
    const names = { givenName: 'Philippa', familyName: 'Zanzibar' };
    const { client, email } = await signUpPatient(t, names);
    await client.put('/api/me/locale', { locale: 'es' });
    const draft = await readyDraft(client, t.app);
    expect((await submit(client, draft.id, draft.intakeVersion, 'email-key')).statusCode).toBe(201);
    await t.drainOutbox();
    const mail = await smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes(email));
    expect(mail.subject).toBe('Recibimos su solicitud');
    const text = `${mail.subject}\n${mail.text}\n${mail.html || ''}`;
    expect(text).toContain('Inicie sesión en Dermis');
    expect(text).toContain(`${t.p.config.publicUrl}/sign-in`);
    expect(text).toContain('911');
    for (const phi of [
      names.givenName,
      names.familyName,
      draft.caseNumber,
      draft.id,
      'forearm',
      'lesion',
      'mole',
      '1984',
    ]) {
      expect(text.toLowerCase()).not.toContain(phi.toLowerCase());
    }
    const { rows } = await t.p.db.query<{ payload: unknown; status: string }>(
      `SELECT payload, status FROM outbox WHERE topic = 'email.case_received' AND payload->>'caseId' = $1`,
      [draft.id],
    );
    expect(rows).toEqual([{ payload: { caseId: draft.id }, status: 'done' }]);
  });
});

describe('withdrawal', () => {
  it('the patient withdraws before review; a withdrawn case cannot be submitted or withdrawn again', async () => {
    const { client } = await signUpPatient(t);
    const draft = await readyDraft(client, t.app);
    expect((await submit(client, draft.id, draft.intakeVersion, 'before-withdraw')).statusCode).toBe(201);
    const withdrawn = await client.post(`/api/cases/${draft.id}/withdraw`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    expectProblem(await client.post(`/api/cases/${draft.id}/withdraw`), 409, 'CASE_TRANSITION_NOT_ALLOWED');
    expectProblem(
      await submit(client, draft.id, draft.intakeVersion, 'after-withdraw'),
      409,
      'CASE_TRANSITION_NOT_ALLOWED',
    );
    const detail = (await client.get(`/api/cases/${draft.id}`)).json();
    expect(detail.timeline.map((e: { to?: string }) => e.to)).toEqual(['draft', 'submitted', 'withdrawn']);
  });

  it('a case under review can no longer be withdrawn by the patient', async () => {
    const { client } = await signUpPatient(t);
    const draft = await readyDraft(client, t.app);
    expect((await submit(client, draft.id, draft.intakeVersion, 'to-review')).statusCode).toBe(201);
    // The queue module does not exist yet: put the case in review as a dermatologist's claim would.
    await t.p.db.query(`UPDATE cases SET status = 'in_review' WHERE id = $1`, [draft.id]);
    expectProblem(await client.post(`/api/cases/${draft.id}/withdraw`), 409, 'CASE_TRANSITION_NOT_ALLOWED');
  });
});

describe('audit', () => {
  it('every case action by the patient has its audit row naming the case and the patient', async () => {
    const { client } = await signUpPatient(t);
    const draft = await readyDraft(client, t.app);
    expect((await submit(client, draft.id, draft.intakeVersion, 'audit-key')).statusCode).toBe(201);
    await client.get(`/api/cases/${draft.id}`);
    await client.get('/api/cases');
    const userId = (await client.get('/api/auth/session')).json().user.id;
    const { rows } = await t.p.db.query<{
      action: string;
      object_id: string | null;
      patient_id: string;
      outcome: string;
      ip: string;
    }>(
      `SELECT action, object_id, patient_id, outcome, ip FROM audit_log WHERE user_id = $1 AND action LIKE 'case.%' ORDER BY seq`,
      [userId],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'case.create',
      'case.intake.save',
      'case.body_sites.save',
      'case.submit',
      'case.read',
      'case.list',
    ]);
    for (const row of rows.slice(0, 5)) {
      expect(row).toMatchObject({ object_id: draft.id, patient_id: userId, outcome: 'success' });
    }
    const consent = await t.p.db.query(`SELECT 1 FROM audit_log WHERE user_id = $1 AND action = 'consent.accept'`, [
      userId,
    ]);
    expect(consent.rows).toHaveLength(1);
  });
});
