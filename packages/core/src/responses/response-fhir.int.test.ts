import type { Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { expectValidR4, medplumIssues, schemaIssues } from '../fhir/r4-validation-test-support.ts';
import { utf8ToBase64 } from './base64-text.ts';
import { consultNoteText } from './consult-note-text.ts';
import { buildResponseResources } from './response-fhir.ts';
import type { FhirResponseRecord } from './response-record.ts';
import { SAMPLE_RESPONSE_IDS, sampleResponseRecord } from './response-test-samples.ts';

const all = (record: FhirResponseRecord): Resource[] => {
  const r = buildResponseResources(record);
  return [
    r.encounter,
    r.diagnosticReport,
    r.consultNote,
    ...r.amendmentNotes,
    ...(r.medicationRequest ? [r.medicationRequest] : []),
    r.task,
  ];
};

describe('a signed response as FHIR R4, checked by Medplum and the HL7 JSON schema', () => {
  it('prescription: Encounter, DiagnosticReport, consult note, MedicationRequest and Task are valid R4', () => {
    const resources = all(sampleResponseRecord());
    expect(resources.map((r) => r.resourceType)).toEqual([
      'Encounter',
      'DiagnosticReport',
      'DocumentReference',
      'MedicationRequest',
      'Task',
    ]);
    for (const resource of resources) expectValidR4(resource);
  });

  it('more photos requested, amended, no care plan, no coded medication: still valid R4', () => {
    const record = sampleResponseRecord({
      disposition: 'additional_images_requested',
      medication: null,
      carePlan: null,
      requestedPhotos: [{ siteLabel: 'Left forearm', view: 'side_angle', instruction: 'Show the raised edge.' }],
    });
    record.caseStatus = 'waiting_for_patient';
    record.amendments = [
      {
        id: SAMPLE_RESPONSE_IDS.amendmentId,
        reason: 'Clarification',
        text: 'Please also include a ruler in the photo.',
        createdAt: '2026-11-25T10:00:00.000Z',
        author: { id: SAMPLE_RESPONSE_IDS.authorId, name: 'Dr Sam Okafor' },
      },
    ];
    const resources = all(record);
    expect(resources.map((r) => r.resourceType)).toEqual([
      'Encounter',
      'DiagnosticReport',
      'DocumentReference',
      'DocumentReference',
      'Task',
    ]);
    for (const resource of resources) expectValidR4(resource);
  });

  it('a broken resource is caught by both (the check is live)', () => {
    const { encounter } = buildResponseResources(sampleResponseRecord());
    const broken = { ...encounter, status: 'done', virtual: true };
    expect(medplumIssues(broken as never)).not.toEqual([]);
    expect(schemaIssues(broken)).not.toEqual([]);
  });
});

describe('what the resources say', () => {
  it('the DiagnosticReport links every photo and concludes with the narrative and the disposition', () => {
    const { diagnosticReport } = buildResponseResources(sampleResponseRecord());
    expect(diagnosticReport.media?.map((m) => m.link.reference)).toEqual(
      SAMPLE_RESPONSE_IDS.photoIds.map((id) => `Media/${id}`),
    );
    expect(diagnosticReport.conclusion).toContain('mild eczema');
    expect(diagnosticReport.conclusionCode?.[0]?.coding?.[0]?.code).toBe('prescription_generated');
    expect(diagnosticReport.basedOn?.[0]?.reference).toBe(`ServiceRequest/${SAMPLE_RESPONSE_IDS.caseId}`);
  });

  it('the consult note is LOINC 11488-4 with the text (UTF-8) and the care plan PDF', () => {
    const { consultNote } = buildResponseResources(sampleResponseRecord());
    expect(consultNote.type?.coding?.[0]).toMatchObject({ system: 'http://loinc.org', code: '11488-4' });
    expect(consultNote.content[0]?.attachment.data).toBe(utf8ToBase64(consultNoteText(sampleResponseRecord())));
    const text = consultNoteText(sampleResponseRecord());
    expect(text).toContain('Disposition: Prescription generated');
    expect(text).toContain('café au lait');
    expect(text).toContain('Medication: Hydrocortisone 1% cream');
    expect(consultNote.content[1]?.attachment).toMatchObject({
      contentType: 'application/pdf',
      url: `Binary/${SAMPLE_RESPONSE_IDS.carePlanId}`,
    });
  });

  it('the Encounter is virtual; the MedicationRequest is printable with route, dosage and supply', () => {
    const { encounter, medicationRequest } = buildResponseResources(sampleResponseRecord());
    expect(encounter.class).toMatchObject({ code: 'VR' });
    expect(medicationRequest?.dosageInstruction?.[0]?.text).toBe(
      'A thin layer, topical route, Twice daily, for 14 days',
    );
    expect(medicationRequest?.dosageInstruction?.[0]?.route?.coding?.[0]?.code).toBe('6064005');
    expect(medicationRequest?.dispenseRequest?.quantity).toEqual({ value: 30, unit: 'g' });
    expect(medicationRequest?.medicationCodeableConcept?.coding?.[0]?.code).toBe('106258');
  });

  it('an amendment appends the original note; the report reads as amended', () => {
    const record = sampleResponseRecord();
    record.amendments = [
      {
        id: SAMPLE_RESPONSE_IDS.amendmentId,
        reason: 'Dose',
        text: 'Once daily is enough.',
        createdAt: '2026-11-25T11:00:00.000Z',
        author: { id: SAMPLE_RESPONSE_IDS.authorId, name: 'Dr Sam Okafor' },
      },
    ];
    const { amendmentNotes, diagnosticReport, consultNote } = buildResponseResources(record);
    expect(amendmentNotes[0]?.relatesTo?.[0]).toEqual({
      code: 'appends',
      target: { reference: `DocumentReference/${SAMPLE_RESPONSE_IDS.responseId}` },
    });
    expect(diagnosticReport.status).toBe('amended');
    expect(consultNote.docStatus).toBe('amended');
  });

  it.each([
    ['in_review', 'in-progress'],
    ['waiting_for_patient', 'on-hold'],
    ['responded', 'completed'],
    ['closed', 'completed'],
  ] as const)('the consult Task of a case %s is %s', (caseStatus, taskStatus) => {
    const record = { ...sampleResponseRecord(), caseStatus };
    expect(buildResponseResources(record).task.status).toBe(taskStatus);
  });
});
