import type {
  AllergyIntolerance,
  Binary,
  CodeableConcept,
  Condition,
  Media,
  MedicationStatement,
  Observation,
  Patient,
  QuestionnaireResponse,
  Reference,
  Resource,
  ServiceRequest,
} from 'fhir/r4.js';
import { findBodySite } from '../cases/body-sites.ts';
import type { CaseStatus } from '../cases/case-status.ts';
import { LOINC_SYSTEM, SNOMED_SYSTEM } from '../intake/intake-codes.ts';
import { type BodySite, isSnomedConceptId, toBodySiteConcept } from './body-site.ts';
import type { FhirBodySite, FhirCaseRecord, FhirPatientRecord, FhirPhoto } from './case-record.ts';
import { extractIntake } from './extract-intake.ts';
import { extractedResourceId } from './fhir-ids.ts';

/** The case number as a business identifier (DRM-YYYY-NNNNNN), the same on every export of the case. */
export const CASE_NUMBER_SYSTEM = 'https://dermis.dev/fhir/NamingSystem/case-number';
export const PHOTO_VIEW_SYSTEM = 'https://dermis.dev/fhir/CodeSystem/photo-view';
/** R4 core extension (context includes Media): R4 Media has no reasonReference element of its own. */
export const WORKFLOW_REASON_REFERENCE_URL = 'http://hl7.org/fhir/StructureDefinition/workflow-reasonReference';

const PHOTO_VIEW_DISPLAY = { close_up: 'Close-up', context: 'Context (wider view)', side_angle: 'Side angle' };
/** SNOMED CT 11429006 |Consultation|: what the case asks a dermatologist for. */
const CONSULTATION = { system: SNOMED_SYSTEM, code: '11429006', display: 'Consultation' };
/** LOINC 72170-4 Photographic image (DESIGN.md field facts), beside R4's media-type "image". */
const MEDIA_TYPE: CodeableConcept = {
  coding: [
    { system: 'http://terminology.hl7.org/CodeSystem/media-type', code: 'image', display: 'Image' },
    { system: LOINC_SYSTEM, code: '72170-4', display: 'Photographic image' },
  ],
  text: 'Photograph',
};
/** DICOM XC: external-camera photography (a phone or camera, not a dermatoscope). */
const MODALITY: CodeableConcept = {
  coding: [
    { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'XC', display: 'External-camera Photography' },
  ],
};

const ref = (type: string, id: string): Reference => ({ reference: `${type}/${id}` });

/** Every FHIR resource of one case (Binary aside: it carries the image bytes, see toBinary). */
export interface CaseResources {
  patient: Patient;
  serviceRequest: ServiceRequest;
  questionnaireResponse?: QuestionnaireResponse;
  condition?: Condition;
  observations: Observation[];
  allergyIntolerances: AllergyIntolerance[];
  medicationStatements: MedicationStatement[];
  media: Media[];
}

export function toPatient(record: FhirPatientRecord): Patient {
  const patient: Patient = {
    resourceType: 'Patient',
    id: record.id,
    name: [{ use: 'official', family: record.familyName, given: [record.givenName] }],
    birthDate: record.birthDate,
  };
  if (record.identifier) patient.identifier = [{ system: record.identifier.system, value: record.identifier.value }];
  return patient;
}

function requestStatus(status: CaseStatus): ServiceRequest['status'] {
  if (status === 'draft') return 'draft';
  if (status === 'withdrawn') return 'revoked';
  if (status === 'responded' || status === 'closed') return 'completed';
  return 'active';
}

/** A body site as coded: SNOMED CT with laterality (body-site.ts), or the Dermis code for sites with no SCTID. */
export function bodySiteConcept(site: FhirBodySite): CodeableConcept {
  const snomed = asSnomedSite(site);
  if (snomed) return toBodySiteConcept(snomed);
  return { coding: [{ system: site.system, code: site.code, display: site.label }], text: site.label };
}

/** A SNOMED CT site with the catalogue's structure name as display ("Forearm"; the side is a qualifier). */
function asSnomedSite(site: FhirBodySite): BodySite | null {
  if (!isSnomedConceptId(site.code)) return null;
  const display = findBodySite(site.code)?.display ?? site.label;
  return { code: site.code, display, ...(site.laterality ? { laterality: site.laterality } : {}) };
}

export function toConsultServiceRequest(record: FhirCaseRecord, hasIntake: boolean): ServiceRequest {
  const request: ServiceRequest = {
    resourceType: 'ServiceRequest',
    id: record.caseId,
    identifier: [{ system: CASE_NUMBER_SYSTEM, value: record.caseNumber }],
    status: requestStatus(record.status),
    intent: 'order',
    code: { coding: [CONSULTATION], text: 'Teledermatology consultation' },
    subject: ref('Patient', record.patient.id),
  };
  if (record.submittedAt) request.authoredOn = record.submittedAt;
  if (hasIntake) {
    request.reasonReference = [ref('Condition', record.caseId)];
    request.supportingInfo = [ref('QuestionnaireResponse', record.caseId)];
  }
  if (record.bodySites.length > 0) request.bodySite = record.bodySites.map(bodySiteConcept);
  return request;
}

export function toMedia(record: FhirCaseRecord, photo: FhirPhoto, hasCondition: boolean): Media {
  const site = record.bodySites.find((s) => s.id === photo.bodySiteId);
  const view = photo.view ? PHOTO_VIEW_DISPLAY[photo.view] : undefined;
  const media: Media = {
    resourceType: 'Media',
    id: photo.id,
    basedOn: [ref('ServiceRequest', record.caseId)],
    status: 'completed',
    type: MEDIA_TYPE,
    modality: MODALITY,
    subject: ref('Patient', record.patient.id),
    issued: photo.createdAt,
    width: photo.width,
    height: photo.height,
    content: {
      contentType: photo.contentType,
      url: `Binary/${photo.id}`,
      ...(photo.content ? { size: photo.content.size, hash: photo.content.sha1 } : {}),
      title: [site?.label, view].filter(Boolean).join(', ') || 'Photograph',
    },
  };
  if (hasCondition)
    media.extension = [{ url: WORKFLOW_REASON_REFERENCE_URL, valueReference: ref('Condition', record.caseId) }];
  if (photo.view && view)
    media.view = { coding: [{ system: PHOTO_VIEW_SYSTEM, code: photo.view, display: view }], text: view };
  if (photo.capturedAt) media.createdDateTime = photo.capturedAt;
  if (site) media.bodySite = bodySiteConcept(site);
  return media;
}

/** The image itself; `base64` is the stored master (metadata already removed by the pipeline). */
export function toBinary(photoId: string, contentType: string, base64: string): Binary {
  return { resourceType: 'Binary', id: photoId, contentType, securityContext: ref('Media', photoId), data: base64 };
}

function withIds<T extends Resource>(caseId: string, resources: T[]): T[] {
  return resources.map((resource, index) => ({ ...resource, id: extractedResourceId(caseId, index) }));
}

export function buildCaseResources(record: FhirCaseRecord): CaseResources {
  const patient = ref('Patient', record.patient.id);
  const { questionnaire, intakeResponse } = record;
  const hasIntake = questionnaire !== undefined && intakeResponse !== null;
  const resources: CaseResources = {
    patient: toPatient(record.patient),
    serviceRequest: toConsultServiceRequest(record, hasIntake),
    observations: [],
    allergyIntolerances: [],
    medicationStatements: [],
    media: record.photos.map((photo) => toMedia(record, photo, hasIntake)),
  };
  if (!hasIntake) return resources;
  const responseRef = ref('QuestionnaireResponse', record.caseId);
  resources.questionnaireResponse = {
    ...intakeResponse,
    id: record.caseId,
    basedOn: [ref('ServiceRequest', record.caseId)],
    subject: patient,
  };
  const extracted = extractIntake(questionnaire, intakeResponse, {
    patient,
    response: responseRef,
    bodySites: record.bodySites.flatMap((site) => asSnomedSite(site) ?? []),
  });
  resources.condition = { ...extracted.condition, id: record.caseId };
  if (record.photos.length > 0) {
    resources.condition.evidence = [{ detail: record.photos.map((photo) => ref('Media', photo.id)) }];
  }
  resources.observations = withIds(record.caseId, extracted.observations);
  resources.allergyIntolerances = withIds(record.caseId, extracted.allergyIntolerances);
  resources.medicationStatements = withIds(record.caseId, extracted.medicationStatements);
  return resources;
}

/** The case's resources as one list, in the order a reader meets them. */
export function listCaseResources(resources: CaseResources): Resource[] {
  return [
    resources.patient,
    resources.serviceRequest,
    ...(resources.questionnaireResponse ? [resources.questionnaireResponse] : []),
    ...(resources.condition ? [resources.condition] : []),
    ...resources.observations,
    ...resources.allergyIntolerances,
    ...resources.medicationStatements,
    ...resources.media,
  ];
}
