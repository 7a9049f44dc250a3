import type { Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { expectValidR4 } from '../fhir/r4-validation-test-support.ts';
import { utf8ToBase64 } from '../responses/base64-text.ts';
import { buildEscalationResources, consultationNoteText, type FhirEscalationRecord } from './escalation-fhir.ts';

const base: FhirEscalationRecord = {
  id: '6b1f0d6e-5c1a-4f4e-9a52-0d5a9f0a1e01',
  caseId: '3c1f0d6e-5c1a-4f4e-9a52-0d5a9f0a1e02',
  patientRecordId: '9d1f0d6e-5c1a-4f4e-9a52-0d5a9f0a1e03',
  status: 'open',
  specialistType: { code: 'dermatopathology', name: 'Dermatopathology' },
  requestedSpecialistId: null,
  question: 'Does the pattern suggest a melanocytic lesion that needs excision?',
  escalatedBy: '1a1f0d6e-5c1a-4f4e-9a52-0d5a9f0a1e04',
  escalatedAt: '2026-11-25T09:00:00.000Z',
  claimedBy: null,
  claimedAt: null,
  answeredAt: null,
  withdrawnAt: null,
  note: null,
};
const note = {
  id: '2b1f0d6e-5c1a-4f4e-9a52-0d5a9f0a1e05',
  assessment: 'Asymmetric pigment network.',
  answer: 'Yes, excision is advised.',
  recommendation: 'Excision biopsy with 2 mm margins.',
  suggestedDisposition: 'in_person_referral' as const,
  signedBy: '4c1f0d6e-5c1a-4f4e-9a52-0d5a9f0a1e06',
  signedAt: '2026-11-25T12:00:00.000Z',
  amendments: [],
};

const all = (e: FhirEscalationRecord): Resource[] => Object.values(buildEscalationResources(e)) as Resource[];

describe('an escalation as FHIR R4, checked by Medplum and the HL7 JSON schema', () => {
  it('open: ServiceRequest based on the consult request, Task without owner', () => {
    const r = buildEscalationResources(base);
    expect(r.serviceRequest.basedOn).toEqual([{ reference: `ServiceRequest/${base.caseId}` }]);
    expect(r.task.status).toBe('requested');
    expect(r.task.owner).toBeUndefined();
    for (const resource of all(base)) expectValidR4(resource);
  });

  it('answered and amended: Task owned by the specialist, consult note DocumentReference with Provenance', () => {
    const answered: FhirEscalationRecord = {
      ...base,
      status: 'answered',
      requestedSpecialistId: note.signedBy,
      claimedBy: note.signedBy,
      claimedAt: '2026-11-25T10:00:00.000Z',
      answeredAt: note.signedAt,
      note: { ...note, amendments: [{ reason: 'Margin', text: '3 mm margins.', createdAt: '2026-11-25T13:00:00Z' }] },
    };
    const r = buildEscalationResources(answered);
    expect(r.task).toMatchObject({ status: 'completed', owner: { reference: `Practitioner/${note.signedBy}` } });
    expect(r.consultationNote?.docStatus).toBe('amended');
    expect(r.provenance?.target).toEqual([{ reference: `DocumentReference/${note.id}` }]);
    const text = consultationNoteText(answered.question, answered.note!);
    expect(r.consultationNote!.content[0]!.attachment.data).toBe(utf8ToBase64(text));
    expect(text).toContain('Answer: Yes, excision is advised.');
    expect(text).toContain('Amendment');
    for (const resource of all(answered)) expectValidR4(resource);
  });

  it('withdrawn: revoked request, cancelled task', () => {
    const r = buildEscalationResources({ ...base, status: 'withdrawn', withdrawnAt: '2026-11-25T09:30:00Z' });
    expect(r.serviceRequest.status).toBe('revoked');
    expect(r.task.status).toBe('cancelled');
    for (const resource of all({ ...base, status: 'withdrawn' })) expectValidR4(resource);
  });
});
