import { CURRENT_CONSENT_VERSION } from '@dermis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, startTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { expectProblem } from '../../../test/security/problem-assertions.ts';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { createUpload } from '../photos/photo-test-support.ts';
import {
  completeDraft,
  createDraftForPatient,
  patientDetails,
  readyDraft,
  signUpPatient,
  submit,
} from './case-test-support.ts';

// Advice & Guidance (issue 4): a referring clinician sends a case for a patient who may have no login.

let t: TestApp;
let smtp: SmtpSink;
/** The demo GP, and a second GP (the demo dermatologist's account, given the GP role by the admin). */
let gpA: TestClient;
let gpB: TestClient;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startTestApp({ smtpUrl: smtp.url });
  const admin = t.client();
  await admin.signInAs(t.clock, 'admin');
  const derm = await t.p.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [
    demoAccount('dermatologist').email,
  ]);
  const changed = await admin.patch(`/api/admin/users/${derm.rows[0]!.id}`, { role: 'referring_clinician' });
  expect(changed.statusCode, changed.body).toBe(200);
  gpA = t.client({ ip: '198.51.100.10' });
  await gpA.signInAs(t.clock, 'referring_clinician');
  gpB = t.client({ ip: '198.51.100.11' });
  await gpB.signInAs(t.clock, 'dermatologist');
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const count = async (table: string) =>
  Number((await t.p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);

describe('patient details', () => {
  it.each([
    [
      'a wrong NHS number check digit',
      { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765918' } },
      'patient/identifierValue',
      'NHS_NUMBER_CHECK_DIGIT',
    ],
    ['a date of birth in the future', { birthDate: '2999-01-01' }, 'patient/birthDate', 'BIRTH_DATE_IN_FUTURE'],
    [
      'an MRN without its system',
      { identifier: { system: '', value: 'A123' } },
      'patient/identifierSystem',
      'MRN_SYSTEM_INVALID',
    ],
  ])(
    '%s is refused with 400 PATIENT_DETAILS_INVALID, the value not echoed, nothing stored',
    async (_name, change, path, code) => {
      const before = {
        records: await count('patient_records'),
        cases: await count('cases'),
        consents: await count('consents'),
      };
      const response = await gpA.post('/api/cases/for-patient', {
        concern: 'lesion',
        patient: patientDetails(change),
        attestation: { version: CURRENT_CONSENT_VERSION },
      });
      const problem = expectProblem(response, 400, 'PATIENT_DETAILS_INVALID');
      expect(problem.errors).toEqual([expect.objectContaining({ path, code })]);
      for (const value of ['9434765918', '2999', 'A123']) expect(response.body).not.toContain(value);
      expect({
        records: await count('patient_records'),
        cases: await count('cases'),
        consents: await count('consents'),
      }).toEqual(before);
    },
  );

  it('valid details open a draft for a patient without a login, with the attestation recorded for that case', async () => {
    const draft = await createDraftForPatient(gpA, {
      patient: patientDetails({ givenName: ' Ada ', familyName: 'Lovelace' }),
    });
    expect(draft.patient).toEqual({
      givenName: 'Ada',
      familyName: 'Lovelace',
      birthDate: '1970-03-14',
      identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' },
    });
    const { rows } = await t.p.db.query<{ user_id: string | null; kind: string; case_id: string; accepted_by: string }>(
      `SELECT pr.user_id, co.kind, co.case_id, co.accepted_by FROM cases c
       JOIN patient_records pr ON pr.id = c.patient_record_id JOIN consents co ON co.patient_record_id = pr.id
       WHERE c.id = $1`,
      [draft.id],
    );
    const gpId = (
      await t.p.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [
        demoAccount('referring_clinician').email,
      ])
    ).rows[0]!.id;
    expect(rows).toEqual([{ user_id: null, kind: 'clinician_attestation', case_id: draft.id, accepted_by: gpId }]);
    // Audited through the request's helper: the case and the attestation, each naming the patient record.
    const recordId = (
      await t.p.db.query<{ patient_record_id: string }>('SELECT patient_record_id FROM cases WHERE id = $1', [draft.id])
    ).rows[0]!.patient_record_id;
    const audit = await t.p.db.query<{ action: string; patient_id: string; user_id: string; outcome: string }>(
      `SELECT action, patient_id, user_id, outcome FROM audit_log WHERE patient_id = $1 ORDER BY seq`,
      [recordId],
    );
    expect(audit.rows).toEqual([
      { action: 'case.create', patient_id: recordId, user_id: gpId, outcome: 'success' },
      { action: 'consent.attest', patient_id: recordId, user_id: gpId, outcome: 'success' },
    ]);
  });

  it('a local MRN with its issuing system is accepted and shown back as entered', async () => {
    const identifier = { system: 'https://practice.example.nhs.uk/mrn', value: 'A-10293/7' };
    const draft = await createDraftForPatient(gpA, { patient: patientDetails({ identifier }) });
    expect(draft.patient).toMatchObject({ identifier });
  });

  it('a record is reused only among the same GP’s records, and only when every detail matches', async () => {
    const recordOf = async (caseId: string) =>
      (await t.p.db.query<{ patient_record_id: string }>('SELECT patient_record_id FROM cases WHERE id = $1', [caseId]))
        .rows[0]!.patient_record_id;
    const patient = patientDetails({ givenName: 'Grace', familyName: 'Hopper', birthDate: '1961-12-09' });
    const first = await recordOf((await createDraftForPatient(gpA, { patient })).id);
    const again = await recordOf(
      (await createDraftForPatient(gpA, { patient: { ...patient, familyName: 'HOPPER' } })).id,
    );
    const typo = await recordOf(
      (await createDraftForPatient(gpA, { patient: { ...patient, birthDate: '1961-12-08' } })).id,
    );
    const otherGp = await recordOf((await createDraftForPatient(gpB, { patient })).id);
    expect(again).toBe(first);
    expect(typo).not.toBe(first);
    expect(otherGp).not.toBe(first);
  });
});

describe('submission by a GP', () => {
  it('needs the attestation; then submits idempotently and the received email goes to the GP with no PHI', async () => {
    const patient = patientDetails({ givenName: 'Philippa', familyName: 'Zanzibar', birthDate: '1958-02-03' });
    const draft = await createDraftForPatient(gpA, { patient, attest: false });
    const { intakeVersion } = await completeDraft(gpA, t.app, draft.id);
    expectProblem(await submit(gpA, draft.id, intakeVersion, 'gp-key'), 409, 'CONSENT_REQUIRED');
    // The patient's own kind of consent (no case) is not an attestation; a GP must name the case.
    expectProblem(await gpA.post('/api/consents', { version: CURRENT_CONSENT_VERSION }), 404, 'NOT_FOUND');
    expectProblem(await submit(gpA, draft.id, intakeVersion, 'gp-key'), 409, 'CONSENT_REQUIRED');

    const attested = await gpA.post('/api/consents', { version: CURRENT_CONSENT_VERSION, caseId: draft.id });
    expect(attested.statusCode, attested.body).toBe(201);
    const first = await submit(gpA, draft.id, intakeVersion, 'gp-key');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ caseNumber: draft.caseNumber, status: 'submitted' });
    const replay = await submit(gpA, draft.id, intakeVersion, 'gp-key');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);
    expectProblem(await submit(gpA, draft.id, intakeVersion + 1, 'gp-key'), 422, 'IDEMPOTENCY_KEY_REUSED');
    expectProblem(await submit(gpA, draft.id, intakeVersion, 'another-key'), 409, 'CASE_TRANSITION_NOT_ALLOWED');
    const events = await t.p.db.query(`SELECT id FROM case_events WHERE case_id = $1 AND type = 'status.changed'`, [
      draft.id,
    ]);
    expect(events.rows).toHaveLength(1);

    await t.drainOutbox();
    const mail = await smtp.waitFor((m) =>
      JSON.stringify(m.to ?? '').includes(demoAccount('referring_clinician').email),
    );
    const text = `${mail.subject}\n${mail.text}\n${mail.html || ''}`;
    expect(mail.subject).toBe('We received your Advice & Guidance request');
    expect(text).toContain('clinical responsibility stays with you');
    expect(text).toContain(`${t.p.config.publicUrl}/sign-in`);
    for (const phi of [
      'Philippa',
      'Zanzibar',
      '1958',
      '9434765919',
      '943 476 5919',
      draft.caseNumber,
      draft.id,
      'forearm',
      'lesion',
    ]) {
      expect(text.toLowerCase()).not.toContain(phi.toLowerCase());
    }
  });

  it('the GP’s list and case view show the patient they entered', async () => {
    const draft = await createDraftForPatient(gpA, {
      patient: patientDetails({ givenName: 'Listed', familyName: 'Person' }),
    });
    const list = (await gpA.get('/api/cases')).json().cases as { id: string; patient?: { givenName: string } }[];
    expect(list.find((c) => c.id === draft.id)?.patient?.givenName).toBe('Listed');
    const detail = await gpA.get(`/api/cases/${draft.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().patient).toMatchObject({ givenName: 'Listed', familyName: 'Person', birthDate: '1970-03-14' });
  });
});

describe('scope (404 outside it, in lists too)', () => {
  it('GP B cannot see or change GP A’s case, nor attest or upload for it', async () => {
    const draft = await createDraftForPatient(gpA);
    const { bodySiteId } = await completeDraft(gpA, t.app, draft.id);
    expectProblem(await gpB.get(`/api/cases/${draft.id}`), 404, 'NOT_FOUND');
    expectProblem(
      await gpB.put(`/api/cases/${draft.id}/intake`, {
        version: 1,
        response: { resourceType: 'QuestionnaireResponse', questionnaire: 'x', status: 'in-progress' },
      }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await gpB.put(`/api/cases/${draft.id}/body-sites`, { bodySites: [] }), 404, 'NOT_FOUND');
    expectProblem(
      await gpB.post('/api/consents', { version: CURRENT_CONSENT_VERSION, caseId: draft.id }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await submit(gpB, draft.id, 1, 'b-key'), 404, 'NOT_FOUND');
    expectProblem(await gpB.post(`/api/cases/${draft.id}/withdraw`), 404, 'NOT_FOUND');
    expectProblem(await gpB.get(`/api/cases/${draft.id}/photos`), 404, 'NOT_FOUND');
    const upload = await createUpload(t.app, gpB, { size: 100, metadata: { caseId: draft.id, bodySiteId } });
    expect(upload.statusCode).toBe(404);
    const listB = (await gpB.get('/api/cases')).json().cases as { id: string }[];
    expect(listB.map((c) => c.id)).not.toContain(draft.id);
    expect((await gpA.get(`/api/cases/${draft.id}/photos`)).statusCode).toBe(200);
  });

  it('a GP cannot see a patient’s own case; a patient cannot see a GP’s case, draft or sent', async () => {
    const { client: patient } = await signUpPatient(t);
    const own = await readyDraft(patient, t.app);
    expectProblem(await gpA.get(`/api/cases/${own.id}`), 404, 'NOT_FOUND');
    expectProblem(
      await gpA.post('/api/consents', { version: CURRENT_CONSENT_VERSION, caseId: own.id }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await submit(gpA, own.id, own.intakeVersion, 'gp-on-patient'), 404, 'NOT_FOUND');
    expect(((await gpA.get('/api/cases')).json().cases as { id: string }[]).map((c) => c.id)).not.toContain(own.id);

    const gpDraft = await createDraftForPatient(gpA);
    expectProblem(await patient.get(`/api/cases/${gpDraft.id}`), 404, 'NOT_FOUND');
    expectProblem(
      await patient.post('/api/consents', { version: CURRENT_CONSENT_VERSION, caseId: gpDraft.id }),
      404,
      'NOT_FOUND',
    );
    const { intakeVersion } = await completeDraft(gpA, t.app, gpDraft.id);
    expect((await submit(gpA, gpDraft.id, intakeVersion, 'sent-for-patient')).statusCode).toBe(201);
    expectProblem(await patient.get(`/api/cases/${gpDraft.id}`), 404, 'NOT_FOUND');
    const patientList = (await patient.get('/api/cases')).json().cases as { id: string; patient?: unknown }[];
    expect(patientList.map((c) => c.id)).toEqual([own.id]);
    expect(patientList[0]!.patient).toBeUndefined();
  });

  it('each role keeps to its own way in: a patient cannot open a case for someone, a GP not for themselves', async () => {
    const { client: patient } = await signUpPatient(t);
    expectProblem(
      await patient.post('/api/cases/for-patient', { concern: 'lesion', patient: patientDetails() }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await gpA.post('/api/cases', { concern: 'lesion' }), 404, 'NOT_FOUND');
  });
});
