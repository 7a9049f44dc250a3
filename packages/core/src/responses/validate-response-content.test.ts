import { describe, expect, it } from 'vitest';
import type { ResponseContent } from '../api/responses.schema.ts';
import { DISPOSITIONS, dispositionRequires, statusAfterSigning } from './dispositions.ts';
import { sampleContent, sampleImageRequest, sampleMedication } from './response-test-samples.ts';
import {
  emptyMedication,
  emptyResponseContent,
  toSignableResponse,
  validateForSigning,
} from './validate-response-content.ts';

const uploaded = { hasUploadedCarePlan: true };
const none = { hasUploadedCarePlan: false };
const codesOf = (content: ResponseContent, context = none) =>
  validateForSigning(content, context).map((p) => `${p.path}:${p.code}`);

describe('validateForSigning', () => {
  it.each<[string, ResponseContent, string[]]>([
    [
      'an empty draft needs a disposition and words for the patient',
      emptyResponseContent(),
      ['disposition:DISPOSITION_REQUIRED', 'narrative:NARRATIVE_REQUIRED'],
    ],
    ['whitespace is not a narrative', sampleContent({ narrative: '  \n ' }), ['narrative:NARRATIVE_REQUIRED']],
    ['a referral with a narrative is complete', sampleContent(), []],
    ['no action required needs nothing else', sampleContent({ disposition: 'no_action_required' }), []],
    ['an urgent referral needs nothing else', sampleContent({ disposition: 'urgent_referral' }), []],
    [
      'a prescription needs the medication',
      sampleContent({ disposition: 'prescription_generated' }),
      ['medication:MEDICATION_REQUIRED'],
    ],
    [
      'a prescription with a complete medication can be signed',
      sampleContent({ disposition: 'prescription_generated', medication: sampleMedication() }),
      [],
    ],
    [
      'a started medication names each missing field',
      sampleContent({ disposition: 'prescription_generated', medication: emptyMedication() }),
      [
        'medication/name:MEDICATION_FIELD_REQUIRED',
        'medication/dose:MEDICATION_FIELD_REQUIRED',
        'medication/frequency:MEDICATION_FIELD_REQUIRED',
        'medication/instructions:MEDICATION_FIELD_REQUIRED',
        'medication/route:MEDICATION_FIELD_REQUIRED',
        'medication/durationDays:MEDICATION_DURATION_INVALID',
        'medication/quantity:MEDICATION_QUANTITY_INVALID',
      ],
    ],
    [
      'a dictionary code is digits (a drug name typed into the code field is caught)',
      sampleContent({
        disposition: 'prescription_generated',
        medication: sampleMedication({ code: { system: 'rxnorm', value: 'hydrocortisone' } }),
      }),
      ['medication/code:MEDICATION_CODE_INVALID'],
    ],
    [
      'a zero-day course or a quantity without unit is not a prescription',
      sampleContent({
        disposition: 'prescription_generated',
        medication: sampleMedication({ durationDays: 0, quantity: { value: 30, unit: ' ' } }),
      }),
      ['medication/durationDays:MEDICATION_DURATION_INVALID', 'medication/quantity:MEDICATION_QUANTITY_INVALID'],
    ],
    [
      'asking for more images needs at least one request',
      sampleContent({ disposition: 'additional_images_requested' }),
      ['imageRequests:IMAGE_REQUEST_REQUIRED'],
    ],
    [
      'a complete photo request can be signed',
      sampleContent({ disposition: 'additional_images_requested', imageRequests: [sampleImageRequest()] }),
      [],
    ],
    [
      'each request needs a known site with the right side, a view and an instruction',
      sampleContent({
        disposition: 'additional_images_requested',
        imageRequests: [
          sampleImageRequest({ site: 'elbow-ish' }),
          sampleImageRequest({ laterality: null }),
          sampleImageRequest({ site: '41695006', laterality: 'left' }),
          sampleImageRequest({ view: null, instruction: ' ' }),
        ],
      }),
      [
        'imageRequests/0/site:IMAGE_REQUEST_SITE_INVALID',
        'imageRequests/1/site:IMAGE_REQUEST_SITE_INVALID',
        'imageRequests/2/site:IMAGE_REQUEST_SITE_INVALID',
        'imageRequests/3/view:IMAGE_REQUEST_VIEW_REQUIRED',
        'imageRequests/3/instruction:IMAGE_REQUEST_INSTRUCTION_REQUIRED',
      ],
    ],
    [
      'one site in two views is fine, the same view twice is not',
      sampleContent({
        disposition: 'additional_images_requested',
        imageRequests: [
          sampleImageRequest(),
          sampleImageRequest({ view: 'with_scale' }),
          sampleImageRequest({ laterality: 'right' }),
          sampleImageRequest(),
        ],
      }),
      ['imageRequests/3:IMAGE_REQUEST_DUPLICATE'],
    ],
    [
      'fields of another disposition are not checked (the draft keeps them while the clinician switches)',
      sampleContent({ medication: emptyMedication(), imageRequests: [sampleImageRequest({ view: null })] }),
      [],
    ],
    [
      'an uploaded care plan must have been uploaded',
      sampleContent({ carePlan: 'uploaded' }),
      ['carePlan:CARE_PLAN_NOT_UPLOADED'],
    ],
  ])('%s', (_reason, content, expected) => {
    expect(codesOf(content)).toEqual(expected);
  });

  it('accepts an uploaded care plan once it is there, and a generated one always', () => {
    expect(codesOf(sampleContent({ carePlan: 'uploaded' }), uploaded)).toEqual([]);
    expect(codesOf(sampleContent({ carePlan: 'generated' }))).toEqual([]);
  });
});

describe('toSignableResponse', () => {
  it('keeps only what the disposition uses, trimmed', () => {
    const signable = toSignableResponse(
      sampleContent({
        narrative: '  See a dermatologist in person.  ',
        medication: sampleMedication(),
        imageRequests: [sampleImageRequest()],
      }),
    );
    expect(signable).toEqual({
      disposition: 'in_person_referral',
      narrative: 'See a dermatologist in person.',
      medication: null,
      imageRequests: [],
      carePlan: 'none',
    });
    const prescription = toSignableResponse(
      sampleContent({ disposition: 'prescription_generated', medication: sampleMedication() }),
    );
    expect(prescription.medication).toEqual(sampleMedication());
  });

  it('refuses content that was not validated', () => {
    expect(() => toSignableResponse(emptyResponseContent())).toThrow();
  });
});

describe('dispositions', () => {
  it.each(DISPOSITIONS.map((d) => [d]))('%s: status after signing and what it requires', (disposition) => {
    const asksForPhotos = disposition === 'additional_images_requested';
    expect(statusAfterSigning(disposition)).toBe(asksForPhotos ? 'waiting_for_patient' : 'responded');
    expect(dispositionRequires(disposition)).toBe(
      asksForPhotos ? 'image_requests' : disposition === 'prescription_generated' ? 'medication' : null,
    );
  });
});
