// A complete case as the FHIR mapping reads it, for tests (like intake/sample-responses.ts).
import { intakeQuestionnaireV1 } from '../intake/questionnaire.ts';
import { buildResponse, lesionAnswers } from '../intake/sample-responses.ts';
import type { FhirCaseRecord } from './case-record.ts';

export const SAMPLE_IDS = {
  caseId: '6f1c1c4e-8a52-4d55-9a3e-1c2b3d4e5f60',
  patientId: '0b7d2e61-3c4f-4a5b-8c6d-7e8f9a0b1c2d',
  forearmSiteId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  genitalSiteId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  closeUpPhotoId: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f',
  contextPhotoId: '4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f80',
} as const;

export function sampleCaseRecord(overrides: Partial<FhirCaseRecord> = {}): FhirCaseRecord {
  return {
    caseId: SAMPLE_IDS.caseId,
    caseNumber: 'DRM-2026-000042',
    concern: 'lesion',
    status: 'submitted',
    createdAt: '2026-11-20T08:00:00.000Z',
    submittedAt: '2026-11-20T09:15:00.000Z',
    patient: {
      id: SAMPLE_IDS.patientId,
      givenName: 'Robin',
      familyName: 'Quist',
      birthDate: '1984-07-09',
      identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' },
    },
    questionnaire: intakeQuestionnaireV1,
    intakeResponse: buildResponse(lesionAnswers),
    bodySites: [
      {
        id: SAMPLE_IDS.forearmSiteId,
        code: '14975008',
        system: 'http://snomed.info/sct',
        laterality: 'left',
        label: 'Left forearm',
      },
      {
        id: SAMPLE_IDS.genitalSiteId,
        code: 'genital-area',
        system: 'https://dermis.dev/fhir/CodeSystem/body-site',
        laterality: null,
        label: 'Genital area',
      },
    ],
    photos: [
      {
        id: SAMPLE_IDS.closeUpPhotoId,
        bodySiteId: SAMPLE_IDS.forearmSiteId,
        view: 'close_up',
        width: 4032,
        height: 3024,
        contentType: 'image/jpeg',
        capturedAt: '2026-11-19T17:42:10.000Z',
        createdAt: '2026-11-20T08:05:00.000Z',
        content: { size: 2_345_678, sha1: '2jmj7l5rSw0yVb/vlWAYkK/YBwk=' },
      },
      {
        id: SAMPLE_IDS.contextPhotoId,
        bodySiteId: SAMPLE_IDS.genitalSiteId,
        view: null,
        width: 1000,
        height: 800,
        contentType: 'image/jpeg',
        capturedAt: null,
        createdAt: '2026-11-20T08:06:00.000Z',
      },
    ],
    ...overrides,
  };
}
