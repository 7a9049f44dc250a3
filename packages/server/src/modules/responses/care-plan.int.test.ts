import fs from 'node:fs';
import path from 'node:path';
import { buildResponseResources } from '@dermis/core';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectValidR4 } from '../../../../core/src/fhir/r4-validation-test-support.ts';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { expectProblem } from '../../../test/security/problem-assertions.ts';
import { signUpPatient } from '../cases/case-test-support.ts';
import { CARE_PLAN_MAX_BYTES } from './care-plan-pdf.ts';
import { readResponseFhirRecord } from './response-fhir-record.ts';
import {
  claimedCase,
  content,
  putCarePlan,
  samplePdf,
  saveDraft,
  signInDermatologists,
  signResponse,
} from './response-test-support.ts';

// The care-plan document (uploaded PDF or generated from the narrative) and the FHIR resources of a signed
// response read back from the database.

let t: TestApp;
let derm: TestClient;
let otherDerm: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  ({ derm, otherDerm } = await signInDermatologists(t));
});
afterAll(async () => {
  await t?.close();
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

describe('care-plan upload', () => {
  it('refuses a file that is not a PDF whatever its declared type, and one over the size limit', async () => {
    const { caseId } = await claimedCase(t, derm);
    expectProblem(await putCarePlan(t, derm, caseId, PNG), 415, 'CARE_PLAN_NOT_PDF');
    expectProblem(await putCarePlan(t, derm, caseId, Buffer.from('<html>%PDF-1.7</html>')), 415, 'CARE_PLAN_NOT_PDF');
    expectProblem(await putCarePlan(t, derm, caseId, PNG, 'image/png'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const huge = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(CARE_PLAN_MAX_BYTES - 8)]);
    expectProblem(await putCarePlan(t, derm, caseId, huge), 413, 'CARE_PLAN_TOO_LARGE');
    const { rows } = await t.p.db.query('SELECT 1 FROM care_plan_documents WHERE case_id = $1', [caseId]);
    expect(rows).toEqual([]);
  });

  it('stores an uploaded PDF encrypted, replaces an unsigned one, and the patient gets it only once signed', async () => {
    const { caseId, patient } = await claimedCase(t, derm);
    const pdf = await samplePdf();
    expectProblem(await putCarePlan(t, otherDerm, caseId, pdf), 404, 'NOT_FOUND');
    const first = await putCarePlan(t, derm, caseId, pdf);
    expect(first.statusCode, first.body).toBe(201);
    const second = await putCarePlan(t, derm, caseId, pdf);
    expect(second.statusCode, second.body).toBe(201);
    const { rows } = await t.p.db.query<{ id: string; blob_key: string }>(
      'SELECT id, blob_key FROM care_plan_documents WHERE case_id = $1',
      [caseId],
    );
    expect(rows.map((r) => r.id)).toEqual([second.json().id]);
    expect((await t.p.blobs.read(rows[0]!.blob_key)).equals(pdf)).toBe(true);
    // Sealed at rest: no file in the blob folder holds the PDF's bytes.
    const files = fs.readdirSync(path.join(t.dataDir, 'blobs'), { recursive: true, withFileTypes: true });
    const stored = files.filter((f) => f.isFile() && f.name === rows[0]!.blob_key);
    expect(stored).toHaveLength(1);
    const onDisk = fs.readFileSync(path.join(stored[0]!.parentPath, stored[0]!.name));
    expect(onDisk.includes(Buffer.from('%PDF-'))).toBe(false);
    const url = `/api/cases/${caseId}/care-plans/${second.json().id}`;
    expectProblem(await patient.get(url), 404, 'NOT_FOUND');
    const dermCopy = await derm.get(url);
    expect(dermCopy.statusCode).toBe(200);
    expect(dermCopy.headers['content-type']).toBe('application/pdf');
    expect(dermCopy.rawPayload.equals(pdf)).toBe(true);

    const draft = (await derm.get(`/api/cases/${caseId}/response-draft`)).json();
    expect(draft.uploadedCarePlan).toMatchObject({ id: second.json().id, source: 'uploaded', byteSize: pdf.length });
    const signed = await signResponse(derm, caseId, content({ carePlan: 'uploaded' }));
    expect(signed.carePlan?.id).toBe(second.json().id);
    const download = await patient.get(url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe('attachment; filename="care-plan.pdf"');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const { client: stranger } = await signUpPatient(t, { givenName: 'Other', familyName: 'Patient' });
    expectProblem(await stranger.get(url), 404, 'NOT_FOUND');
    const audit = await t.p.db.query<{ role: string }>(
      `SELECT role FROM audit_log WHERE action = 'response.care_plan.read' AND object_id = $1 AND outcome = 'success'
       ORDER BY seq`,
      [second.json().id],
    );
    expect(audit.rows.map((r) => r.role)).toEqual(['dermatologist', 'patient']);
  });

  it('generates a PDF from the narrative when asked', async () => {
    const { caseId, patient } = await claimedCase(t, derm);
    const signed = await signResponse(
      derm,
      caseId,
      content({ narrative: 'Keep the area moisturised — café-style accents are fine.', carePlan: 'generated' }),
    );
    const download = await patient.get(`/api/cases/${caseId}/care-plans/${signed.carePlan!.id}`);
    expect(download.statusCode).toBe(200);
    const pdf = await PDFDocument.load(download.rawPayload);
    expect(pdf.getTitle()).toBe('Care plan');
    expect(pdf.getPageCount()).toBe(1);
  });
});

describe('FHIR resources of a signed response', () => {
  it('are built from the stored response and valid R4 by both validators', async () => {
    const { caseId } = await claimedCase(t, derm);
    await saveDraft(derm, caseId, 0, content());
    const medication = {
      name: 'Hydrocortisone 1% cream',
      code: { system: 'rxnorm' as const, value: '106258' },
      dose: 'A thin layer',
      route: 'topical' as const,
      frequency: 'Twice daily',
      durationDays: 14,
      quantity: { value: 30, unit: 'g' },
      instructions: 'Apply to the affected skin only.',
    };
    await signResponse(
      derm,
      caseId,
      content({ disposition: 'prescription_generated', medication, carePlan: 'generated' }),
    );
    await derm.post(`/api/cases/${caseId}/response/amendments`, { reason: 'Clarification', text: 'Not on the face.' });
    const record = await readResponseFhirRecord(t.p.db, caseId, 'responded');
    expect(record).not.toBeNull();
    const resources = buildResponseResources(record!);
    const { rows } = await t.p.db.query<{ id: string }>('SELECT id FROM photos WHERE case_id = $1', [caseId]);
    expect(resources.diagnosticReport.media?.map((m) => m.link.reference)).toEqual(rows.map((r) => `Media/${r.id}`));
    expect(resources.medicationRequest?.medicationCodeableConcept?.text).toBe('Hydrocortisone 1% cream');
    expect(resources.amendmentNotes).toHaveLength(1);
    for (const resource of [
      resources.encounter,
      resources.diagnosticReport,
      resources.consultNote,
      ...resources.amendmentNotes,
      resources.medicationRequest!,
      resources.task,
    ]) {
      expectValidR4(resource);
    }
  });
});
