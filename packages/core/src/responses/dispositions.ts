import type { CaseStatus } from '../cases/case-status.ts';

/**
 * The dermatologist's structured answer to a case (DESIGN.md flow 3, issue 5 "Response"). Each disposition
 * says what else the response must carry before it can be signed (see validate-response-content.ts).
 */
export const DISPOSITIONS = [
  'no_action_required',
  'prescription_generated',
  'in_person_referral',
  'additional_images_requested',
  'urgent_referral',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** English labels for documents and FHIR displays (the web app translates by code). */
const DISPOSITION_DISPLAY: Record<Disposition, string> = {
  no_action_required: 'No action required',
  prescription_generated: 'Prescription generated',
  in_person_referral: 'In-person referral recommended',
  additional_images_requested: 'Additional images requested',
  urgent_referral: 'Urgent referral',
};

export function dispositionDisplay(disposition: Disposition): string {
  return DISPOSITION_DISPLAY[disposition];
}

export function isDisposition(value: unknown): value is Disposition {
  return (DISPOSITIONS as readonly unknown[]).includes(value);
}

/** What a disposition needs besides the narrative: a medication, or one or more photo requests. */
export function dispositionRequires(disposition: Disposition): 'medication' | 'image_requests' | null {
  if (disposition === 'prescription_generated') return 'medication';
  if (disposition === 'additional_images_requested') return 'image_requests';
  return null;
}

/**
 * Where a signed response leaves the case: a request for more photos waits for the patient (the case comes
 * back to the same dermatologist when they arrive); every other disposition answers the case.
 */
export function statusAfterSigning(disposition: Disposition): CaseStatus {
  return disposition === 'additional_images_requested' ? 'waiting_for_patient' : 'responded';
}

/** The views a dermatologist can ask for (issue 5 "More images"): the guided views plus one with a scale. */
export const REQUESTED_PHOTO_VIEWS = ['close_up', 'context', 'side_angle', 'with_scale'] as const;
export type RequestedPhotoView = (typeof REQUESTED_PHOTO_VIEWS)[number];

/** Routes of administration a dermatologist prescribes by, as SNOMED CT route concepts (FHIR route binding). */
export const MEDICATION_ROUTES = {
  topical: { code: '6064005', display: 'Topical route' },
  oral: { code: '26643006', display: 'Oral route' },
  subcutaneous: { code: '34206005', display: 'Subcutaneous route' },
  intramuscular: { code: '78421000', display: 'Intramuscular route' },
} as const;
export type MedicationRoute = keyof typeof MEDICATION_ROUTES;
export const MEDICATION_ROUTE_IDS = Object.keys(MEDICATION_ROUTES) as MedicationRoute[];

/** Drug dictionaries a medication may be coded in (US: RxNorm; UK: dm+d; SNOMED CT elsewhere). */
export const MEDICATION_CODE_SYSTEMS = {
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  dmd: 'https://dmd.nhs.uk',
  snomed: 'http://snomed.info/sct',
} as const;
export type MedicationCodeSystem = keyof typeof MEDICATION_CODE_SYSTEMS;
export const MEDICATION_CODE_SYSTEM_IDS = Object.keys(MEDICATION_CODE_SYSTEMS) as MedicationCodeSystem[];

/** Limits shared by the API schema and the forms. */
export const RESPONSE_LIMITS = {
  narrative: 20_000,
  shortText: 200,
  instructions: 2_000,
  imageRequests: 10,
  durationDays: 365,
  quantity: 10_000,
  amendment: 10_000,
} as const;

/** How a care plan comes with a response: none, the PDF the dermatologist uploaded, or one made from the text. */
export const CARE_PLAN_MODES = ['none', 'uploaded', 'generated'] as const;
export type CarePlanMode = (typeof CARE_PLAN_MODES)[number];
