import type { ImageRequest, Medication, ResponseContent } from '../api/responses.schema.ts';
import { checkBodySites } from '../cases/body-sites.ts';
import { type Disposition, dispositionRequires } from './dispositions.ts';

/**
 * What stops a response from being signed, one entry per problem with the field it concerns. A draft may be
 * incomplete (it is saved as the clinician types); signing sends it to the patient, so it must be whole.
 * The web app runs the same check before it offers "Sign", and the server runs it again when signing.
 */
export const RESPONSE_PROBLEM_CODES = [
  'DISPOSITION_REQUIRED',
  'NARRATIVE_REQUIRED',
  'MEDICATION_REQUIRED',
  'MEDICATION_FIELD_REQUIRED',
  'MEDICATION_CODE_INVALID',
  'MEDICATION_DURATION_INVALID',
  'MEDICATION_QUANTITY_INVALID',
  'IMAGE_REQUEST_REQUIRED',
  'IMAGE_REQUEST_SITE_INVALID',
  'IMAGE_REQUEST_VIEW_REQUIRED',
  'IMAGE_REQUEST_INSTRUCTION_REQUIRED',
  'IMAGE_REQUEST_DUPLICATE',
  'CARE_PLAN_NOT_UPLOADED',
] as const;
export type ResponseProblemCode = (typeof RESPONSE_PROBLEM_CODES)[number];

export interface ResponseProblem {
  /** e.g. "narrative", "medication/dose", "imageRequests/1/view". */
  path: string;
  code: ResponseProblemCode;
}

const isBlank = (text: string) => text.trim().length === 0;

// Dictionary ids are digits in RxNorm (RXCUI), dm+d and SNOMED CT; anything else is a typo.
const DICTIONARY_CODE = /^[0-9]{1,18}$/;

const MEDICATION_TEXT_FIELDS = ['name', 'dose', 'frequency', 'instructions'] as const;

function checkMedication(medication: Medication | null): ResponseProblem[] {
  if (!medication) return [{ path: 'medication', code: 'MEDICATION_REQUIRED' }];
  const problems: ResponseProblem[] = MEDICATION_TEXT_FIELDS.filter((field) => isBlank(medication[field])).map(
    (field) => ({ path: `medication/${field}`, code: 'MEDICATION_FIELD_REQUIRED' }),
  );
  if (medication.route === null) problems.push({ path: 'medication/route', code: 'MEDICATION_FIELD_REQUIRED' });
  if (medication.code && !DICTIONARY_CODE.test(medication.code.value.trim())) {
    problems.push({ path: 'medication/code', code: 'MEDICATION_CODE_INVALID' });
  }
  if (medication.durationDays === null || medication.durationDays < 1) {
    problems.push({ path: 'medication/durationDays', code: 'MEDICATION_DURATION_INVALID' });
  }
  if (medication.quantity.value === null || medication.quantity.value <= 0 || isBlank(medication.quantity.unit)) {
    problems.push({ path: 'medication/quantity', code: 'MEDICATION_QUANTITY_INVALID' });
  }
  return problems;
}

function checkImageRequests(requests: readonly ImageRequest[]): ResponseProblem[] {
  if (requests.length === 0) return [{ path: 'imageRequests', code: 'IMAGE_REQUEST_REQUIRED' }];
  const problems: ResponseProblem[] = [];
  const seen = new Set<string>();
  requests.forEach((request, index) => {
    const path = `imageRequests/${index}`;
    if (checkBodySites([{ site: request.site, laterality: request.laterality }]) !== null) {
      problems.push({ path: `${path}/site`, code: 'IMAGE_REQUEST_SITE_INVALID' });
    }
    if (request.view === null) problems.push({ path: `${path}/view`, code: 'IMAGE_REQUEST_VIEW_REQUIRED' });
    if (isBlank(request.instruction)) {
      problems.push({ path: `${path}/instruction`, code: 'IMAGE_REQUEST_INSTRUCTION_REQUIRED' });
    }
    // The same site may be asked for in several views, but one view of one site once.
    const key = `${request.site}|${request.laterality ?? ''}|${request.view ?? ''}`;
    if (request.view !== null && seen.has(key)) problems.push({ path, code: 'IMAGE_REQUEST_DUPLICATE' });
    seen.add(key);
  });
  return problems;
}

/** Every problem that stops `content` from being signed; empty when it can be signed. */
export function validateForSigning(
  content: ResponseContent,
  context: { hasUploadedCarePlan: boolean },
): ResponseProblem[] {
  const problems: ResponseProblem[] = [];
  if (content.disposition === null) problems.push({ path: 'disposition', code: 'DISPOSITION_REQUIRED' });
  if (isBlank(content.narrative)) problems.push({ path: 'narrative', code: 'NARRATIVE_REQUIRED' });
  const needs = content.disposition ? dispositionRequires(content.disposition) : null;
  if (needs === 'medication') problems.push(...checkMedication(content.medication));
  if (needs === 'image_requests') problems.push(...checkImageRequests(content.imageRequests));
  if (content.carePlan === 'uploaded' && !context.hasUploadedCarePlan) {
    problems.push({ path: 'carePlan', code: 'CARE_PLAN_NOT_UPLOADED' });
  }
  return problems;
}

/** A response ready to sign: only what its disposition uses (a draft keeps other fields while one switches). */
export interface SignableResponse {
  disposition: Disposition;
  narrative: string;
  medication: Medication | null;
  imageRequests: (ImageRequest & { view: NonNullable<ImageRequest['view']> })[];
  carePlan: ResponseContent['carePlan'];
}

/** The content as it will be signed; call after validateForSigning returned no problems. */
export function toSignableResponse(content: ResponseContent): SignableResponse {
  if (content.disposition === null) throw new Error('a response without a disposition cannot be signed');
  const needs = dispositionRequires(content.disposition);
  return {
    disposition: content.disposition,
    narrative: content.narrative.trim(),
    medication: needs === 'medication' ? content.medication : null,
    imageRequests:
      needs === 'image_requests'
        ? content.imageRequests.map((r) => {
            if (r.view === null) throw new Error('a photo request without a view cannot be signed');
            return { ...r, view: r.view, instruction: r.instruction.trim() };
          })
        : [],
    carePlan: content.carePlan,
  };
}

/** An empty draft: what GET answers before the first save. */
export function emptyResponseContent(): ResponseContent {
  return { disposition: null, narrative: '', medication: null, imageRequests: [], carePlan: 'none' };
}

export function emptyMedication(): Medication {
  return {
    name: '',
    code: null,
    dose: '',
    route: null,
    frequency: '',
    durationDays: null,
    quantity: { value: null, unit: '' },
    instructions: '',
  };
}
