import { createHash } from 'node:crypto';
import type { Bundle, Media, OperationOutcome, Resource, ServiceRequest } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectValidR4 } from '../../../../core/src/fhir/r4-validation-test-support.ts';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { completeDraft, createDraftForPatient, readyDraft, signUpPatient, submit } from '../cases/case-test-support.ts';

let t: TestApp;
let owner: TestClient;
let stranger: TestClient;
let caseId: string;
let photoId: string;
let patientId: string;

beforeAll(async () => {
  t = await startTestApp();
  owner = (await signUpPatient(t)).client;
  stranger = (await signUpPatient(t, { givenName: 'Other', familyName: 'Person' })).client;
  const draft = await readyDraft(owner, t.app);
  caseId = draft.id;
  expect((await submit(owner, caseId, draft.intakeVersion, `fhir-${caseId}`)).statusCode).toBe(201);
  photoId = (await t.p.db.query<{ id: string }>('SELECT id FROM photos WHERE case_id = $1', [caseId])).rows[0]!.id;
  const request = (await owner.get(`/fhir/R4/ServiceRequest/${caseId}`)).json() as ServiceRequest;
  patientId = request.subject.reference!.split('/')[1]!;
});
afterAll(async () => {
  await t?.close();
});

async function storedMaster(id: string): Promise<Buffer> {
  const { rows } = await t.p.db.query<{ master_blob: string }>('SELECT master_blob FROM photos WHERE id = $1', [id]);
  return t.p.blobs.read(rows[0]!.master_blob);
}

function expectOutcome(
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toContain('application/fhir+json');
  const outcome = response.json() as OperationOutcome;
  expect(outcome.resourceType).toBe('OperationOutcome');
  expect(outcome.issue[0]?.details?.coding?.[0]?.code).toBe(code);
  expectValidR4(outcome);
}

const readUrls = () => [
  `Patient/${patientId}`,
  `ServiceRequest/${caseId}`,
  `Condition/${caseId}`,
  `QuestionnaireResponse/${caseId}`,
  `Observation/${caseId}-1`,
  `AllergyIntolerance/${caseId}-1`,
  `MedicationStatement/${caseId}-1`,
  `Media/${photoId}`,
];

describe('GET /fhir/R4/metadata', () => {
  it('answers a valid CapabilityStatement without a session', async () => {
    const response = await t.client().get('/fhir/R4/metadata');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/fhir+json');
    const statement = response.json();
    expect(statement.resourceType).toBe('CapabilityStatement');
    expectValidR4(statement);
  });
});

describe('reads of the case’s resources', () => {
  it('every resource type is served as valid R4 FHIR JSON with the id asked for', async () => {
    for (const url of readUrls()) {
      const response = await owner.get(`/fhir/R4/${url}`);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      expect(response.headers['content-type']).toContain('application/fhir+json');
      expect(response.headers['cache-control']).toBe('no-store');
      const resource = response.json() as Resource;
      expect(`${resource.resourceType}/${resource.id}`).toBe(url);
      expectValidR4(resource);
    }
  });

  it('Media links to its Binary, the consult request and the Condition, with the master’s size and hash', async () => {
    const media = (await owner.get(`/fhir/R4/Media/${photoId}`)).json() as Media;
    const master = await storedMaster(photoId);
    expect(media.content.url).toBe(`Binary/${photoId}`);
    expect(media.content.size).toBe(master.length);
    expect(media.content.hash).toBe(createHash('sha1').update(master).digest('base64'));
    expect(media.basedOn).toEqual([{ reference: `ServiceRequest/${caseId}` }]);
    expect(media.extension?.[0]?.valueReference).toEqual({ reference: `Condition/${caseId}` });
    expect(media.bodySite?.text).toBe('Left forearm');
  });

  it('Binary returns the stored master’s bytes for an image Accept, and a base64 Binary for FHIR JSON', async () => {
    const master = await storedMaster(photoId);
    const image = await owner.get(`/fhir/R4/Binary/${photoId}`, { accept: 'image/jpeg' });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.rawPayload.equals(master)).toBe(true);
    const json = await owner.get(`/fhir/R4/Binary/${photoId}`, { accept: 'application/fhir+json' });
    expect(json.headers['content-type']).toContain('application/fhir+json');
    const binary = json.json();
    expectValidR4(binary);
    expect(Buffer.from(binary.data, 'base64').equals(master)).toBe(true);
  });

  it('every read is audited with the resource and the patient', async () => {
    await owner.get(`/fhir/R4/Condition/${caseId}`);
    const { rows } = await t.p.db.query<{ outcome: string; patient_id: string }>(
      `SELECT outcome, patient_id FROM audit_log WHERE action = 'fhir.read' AND object_id = $1 ORDER BY seq DESC LIMIT 1`,
      [`Condition/${caseId}`],
    );
    expect(rows[0]).toEqual({ outcome: 'success', patient_id: patientId });
  });
});

describe('search within a case', () => {
  it('Media by based-on gives a searchset of the case’s photos', async () => {
    const response = await owner.get(`/fhir/R4/Media?based-on=ServiceRequest/${caseId}`);
    expect(response.statusCode, response.body).toBe(200);
    const bundle = response.json() as Bundle;
    expectValidR4(bundle);
    expect(bundle.type).toBe('searchset');
    expect(bundle.entry?.map((e) => e.resource?.id)).toEqual([photoId]);
  });

  it('by _id finds one resource', async () => {
    const bundle = (await owner.get(`/fhir/R4/Condition?_id=${caseId}`)).json() as Bundle;
    expect(bundle.total).toBe(1);
    expect(bundle.entry?.[0]?.resource?.resourceType).toBe('Condition');
  });

  it('a search with no case to search in is refused as invalid', async () => {
    expectOutcome(await owner.get('/fhir/R4/Media'), 400, 'VALIDATION_FAILED');
    expectOutcome(await owner.get('/fhir/R4/Media?subject=Patient/x'), 400, 'VALIDATION_FAILED');
    expectOutcome(await owner.get('/fhir/R4/Media?based-on=Patient/x'), 400, 'VALIDATION_FAILED');
  });
});

describe('access', () => {
  it('another patient gets 404 for every type, Binary included, and an empty search', async () => {
    for (const url of [...readUrls(), `Binary/${photoId}`]) {
      expectOutcome(await stranger.get(`/fhir/R4/${url}`, { accept: 'image/jpeg' }), 404, 'NOT_FOUND');
    }
    const bundle = (await stranger.get(`/fhir/R4/Media?based-on=ServiceRequest/${caseId}`)).json() as Bundle;
    expect(bundle.total).toBe(0);
    const { rows } = await t.p.db.query<{ outcome: string }>(
      `SELECT outcome FROM audit_log WHERE action = 'fhir.read' AND object_id = $1 ORDER BY seq DESC LIMIT 1`,
      [`Binary/${photoId}`],
    );
    expect(rows[0]?.outcome).toBe('denied');
  });

  it('without a session every read answers 401 as an OperationOutcome', async () => {
    expectOutcome(await t.client().get(`/fhir/R4/Media/${photoId}`), 401, 'UNAUTHENTICATED');
    expectOutcome(await t.client().get(`/fhir/R4/Binary/${photoId}`), 401, 'UNAUTHENTICATED');
  });

  it('types Dermis does not serve and ids it never made are not found', async () => {
    expectOutcome(await owner.get(`/fhir/R4/Practitioner/${caseId}`), 404, 'NOT_FOUND');
    expectOutcome(await owner.get(`/fhir/R4/Observation/${caseId}-999`), 404, 'NOT_FOUND');
    expectOutcome(await owner.get('/fhir/R4/Patient/not-a-uuid'), 404, 'NOT_FOUND');
  });
});

describe('a referring clinician (Advice & Guidance)', () => {
  it('reads the resources of a case they sent for a patient; the patient of another case cannot', async () => {
    const gp = t.client({ ip: '198.51.100.40' });
    await gp.signInAs(t.clock, 'referring_clinician');
    const draft = await createDraftForPatient(gp);
    const { intakeVersion } = await completeDraft(gp, t.app, draft.id);
    expect((await submit(gp, draft.id, intakeVersion, `fhir-gp-${draft.id}`)).statusCode).toBe(201);
    const request = (await gp.get(`/fhir/R4/ServiceRequest/${draft.id}`)).json() as ServiceRequest;
    const patient = await gp.get(`/fhir/R4/${request.subject.reference}`);
    expect(patient.statusCode, patient.body).toBe(200);
    expect(patient.json().identifier).toEqual([{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }]);
    expectValidR4(patient.json());
    const media = (await gp.get(`/fhir/R4/Media?based-on=ServiceRequest/${draft.id}`)).json() as Bundle;
    expect(media.total).toBe(1);
    expectOutcome(await owner.get(`/fhir/R4/${request.subject.reference}`), 404, 'NOT_FOUND');
    expectOutcome(await gp.get(`/fhir/R4/ServiceRequest/${caseId}`), 404, 'NOT_FOUND');
  });
});
