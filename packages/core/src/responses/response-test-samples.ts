// Sample responses shared by the core tests (not a test file itself).
import type { ImageRequest, Medication, ResponseContent } from '../api/responses.schema.ts';
import type { FhirResponseRecord } from './response-record.ts';

export function sampleMedication(overrides: Partial<Medication> = {}): Medication {
  return {
    name: 'Hydrocortisone 1% cream',
    code: { system: 'rxnorm', value: '106258' },
    dose: 'A thin layer',
    route: 'topical',
    frequency: 'Twice daily',
    durationDays: 14,
    quantity: { value: 30, unit: 'g' },
    instructions: 'Apply to the affected skin only; stop if it stings.',
    ...overrides,
  };
}

export function sampleImageRequest(overrides: Partial<ImageRequest> = {}): ImageRequest {
  return {
    site: '14975008',
    laterality: 'left',
    view: 'side_angle',
    instruction: 'Hold the phone level with the skin so the raised edge shows.',
    ...overrides,
  };
}

export function sampleContent(overrides: Partial<ResponseContent> = {}): ResponseContent {
  return {
    disposition: 'in_person_referral',
    narrative: 'The mole has features that a dermatologist should examine in person.',
    medication: null,
    imageRequests: [],
    carePlan: 'none',
    ...overrides,
  };
}

export const SAMPLE_RESPONSE_IDS = {
  caseId: '0b8a3a0e-3a55-4c2c-9d3e-1f7f5d0b1a01',
  patientId: '7d1c2b3a-4e5f-4a6b-8c9d-0e1f2a3b4c5d',
  responseId: '5f0e1d2c-3b4a-4958-8776-655443322110',
  authorId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  photoIds: ['1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e', '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6f'],
  carePlanId: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f',
  amendmentId: '4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f80',
};

export function sampleResponseRecord(overrides: Partial<FhirResponseRecord['response']> = {}): FhirResponseRecord {
  const ids = SAMPLE_RESPONSE_IDS;
  return {
    caseId: ids.caseId,
    caseNumber: 'DRM-2026-000042',
    caseStatus: 'responded',
    patientId: ids.patientId,
    submittedAt: '2026-11-24T10:00:00.000Z',
    photoIds: ids.photoIds,
    response: {
      id: ids.responseId,
      disposition: 'prescription_generated',
      narrative: 'This looks like mild eczema. Use the cream below; café au lait spots are harmless.',
      medication: sampleMedication(),
      requestedPhotos: [],
      signedAt: '2026-11-25T09:30:00.000Z',
      author: { id: ids.authorId, name: 'Dr Sam Okafor' },
      carePlan: { id: ids.carePlanId, byteSize: 2048 },
      ...overrides,
    },
    amendments: [],
  };
}
