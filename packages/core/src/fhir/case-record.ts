import type { Questionnaire, QuestionnaireResponse } from 'fhir/r4.js';
import type { Concern } from '../api/cases.schema.ts';
import type { PhotoView } from '../api/photos.schema.ts';
import type { CaseStatus } from '../cases/case-status.ts';
import type { Laterality } from './body-site.ts';

/**
 * A case as the FHIR mapping reads it: plain domain values, no I/O. The server assembles it after the case
 * passed the scope check; every FHIR id is derived from the domain ids here (see fhir-ids.ts).
 */
export interface FhirCaseRecord {
  caseId: string;
  caseNumber: string;
  concern: Concern;
  status: CaseStatus;
  /** ISO date-times. */
  createdAt: string;
  submittedAt: string | null;
  patient: FhirPatientRecord;
  /** The Questionnaire version the intake answered (undefined when none was started). */
  questionnaire: Questionnaire | undefined;
  intakeResponse: QuestionnaireResponse | null;
  bodySites: FhirBodySite[];
  photos: FhirPhoto[];
}

export interface FhirPatientRecord {
  id: string;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** e.g. NHS number: system https://fhir.nhs.uk/Id/nhs-number. */
  identifier: { system: string; value: string } | null;
}

export interface FhirBodySite {
  id: string;
  /** SNOMED CT concept id or a Dermis body-site code (core/cases/body-sites.ts). */
  code: string;
  system: string;
  laterality: Laterality | null;
  /** "Left forearm", made from the catalogue. */
  label: string;
}

export interface FhirPhoto {
  id: string;
  bodySiteId: string;
  view: PhotoView | null;
  width: number;
  height: number;
  contentType: string;
  /** EXIF capture time when the photo had one (ISO). */
  capturedAt: string | null;
  createdAt: string;
  /** Size and SHA-1 (base64) of the stored master, when the caller read it. */
  content?: { size: number; sha1: string };
}
