import type { Medication } from '../api/responses.schema.ts';
import type { CaseStatus } from '../cases/case-status.ts';
import type { Disposition } from './dispositions.ts';

/** A signed response as the FHIR mapping and the consult note read it: plain domain values, no I/O. */
export interface FhirResponseRecord {
  caseId: string;
  caseNumber: string;
  caseStatus: CaseStatus;
  patientId: string;
  /** ISO date-time the case was submitted. */
  submittedAt: string;
  /** The photos the dermatologist reviewed (Media ids are photo ids, see fhir-ids.ts). */
  photoIds: string[];
  response: {
    id: string;
    disposition: Disposition;
    narrative: string;
    medication: Medication | null;
    requestedPhotos: { siteLabel: string; view: string; instruction: string }[];
    signedAt: string;
    author: { id: string; name: string };
    carePlan: { id: string; byteSize: number } | null;
  };
  amendments: { id: string; reason: string; text: string; createdAt: string; author: { id: string; name: string } }[];
}
