/**
 * FHIR logical ids, derived from domain ids so the same case always maps to the same ids (a receiver can
 * update rather than duplicate). Domain ids are UUIDs (36 characters); FHIR allows 64 of [A-Za-z0-9-.].
 *  - Patient: the patient record id; ServiceRequest, Condition, QuestionnaireResponse: the case id;
 *  - Media and Binary: the photo id; Observation, AllergyIntolerance, MedicationStatement: `<case id>-<n>`,
 *    n counting from 1 in extraction order (a submitted intake no longer changes, so n is stable).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const CASE_RESOURCE_TYPES = [
  'Patient',
  'ServiceRequest',
  'Condition',
  'QuestionnaireResponse',
  'Observation',
  'AllergyIntolerance',
  'MedicationStatement',
  'Media',
  'Binary',
] as const;
export type CaseResourceType = (typeof CASE_RESOURCE_TYPES)[number];

export function isCaseResourceType(type: string): type is CaseResourceType {
  return (CASE_RESOURCE_TYPES as readonly string[]).includes(type);
}

export function extractedResourceId(caseId: string, index: number): string {
  return `${caseId}-${index + 1}`;
}

/** What a FHIR id names in the domain, or null for an id Dermis never made. */
export type DomainKey =
  | { kind: 'patient'; patientRecordId: string }
  | { kind: 'case'; caseId: string }
  | { kind: 'photo'; photoId: string };

export function domainKeyOf(type: CaseResourceType, id: string): DomainKey | null {
  switch (type) {
    case 'Patient':
      return UUID.test(id) ? { kind: 'patient', patientRecordId: id } : null;
    case 'ServiceRequest':
    case 'Condition':
    case 'QuestionnaireResponse':
      return UUID.test(id) ? { kind: 'case', caseId: id } : null;
    case 'Media':
    case 'Binary':
      return UUID.test(id) ? { kind: 'photo', photoId: id } : null;
    default: {
      const caseId = id.slice(0, 36);
      return UUID.test(caseId) && /^-[1-9][0-9]{0,3}$/.test(id.slice(36)) ? { kind: 'case', caseId } : null;
    }
  }
}
