import type {
  CodeableConcept,
  DiagnosticReport,
  DocumentReference,
  Encounter,
  MedicationRequest,
  Reference,
  Task,
} from 'fhir/r4.js';
import type { CaseStatus } from '../cases/case-status.ts';
import { LOINC_SYSTEM, SNOMED_SYSTEM } from '../intake/intake-codes.ts';
import { utf8ToBase64 } from './base64-text.ts';
import { consultNoteText } from './consult-note-text.ts';
import { type Disposition, dispositionDisplay, MEDICATION_CODE_SYSTEMS, MEDICATION_ROUTES } from './dispositions.ts';
import { dosageText } from './medication-text.ts';
import type { FhirResponseRecord } from './response-record.ts';

/**
 * A signed response as FHIR R4 (issue 5 "Response", DESIGN.md flow 8): pure functions of plain values. Ids:
 * Encounter, DiagnosticReport, DocumentReference and MedicationRequest take the signed response's id (one of
 * each per signature; the types differ, so the same id is unambiguous); an amendment's DocumentReference takes
 * the amendment's id and `appends` the original; the consult Task is `<case id>-consult` (one per case).
 */
export const DISPOSITION_SYSTEM = 'https://dermis.dev/fhir/CodeSystem/disposition';
const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/** LOINC 11488-4 Consult note (DESIGN.md field facts). */
const CONSULT_NOTE: CodeableConcept = {
  coding: [{ system: LOINC_SYSTEM, code: '11488-4', display: 'Consult note' }],
  text: 'Teledermatology consult note',
};

export interface ResponseResources {
  encounter: Encounter;
  diagnosticReport: DiagnosticReport;
  consultNote: DocumentReference;
  amendmentNotes: DocumentReference[];
  medicationRequest?: MedicationRequest;
  task: Task;
}

const ref = (type: string, id: string, display?: string): Reference => ({
  reference: `${type}/${id}`,
  ...(display ? { display } : {}),
});

function dispositionConcept(disposition: Disposition): CodeableConcept {
  const display = dispositionDisplay(disposition);
  return { coding: [{ system: DISPOSITION_SYSTEM, code: disposition, display }], text: display };
}

export function toConsultEncounter(record: FhirResponseRecord): Encounter {
  const { response } = record;
  return {
    resourceType: 'Encounter',
    id: response.id,
    status: 'finished',
    // v3 ActCode VR: a virtual encounter (asynchronous, store-and-forward).
    class: { system: ACT_CODE_SYSTEM, code: 'VR', display: 'virtual' },
    type: [{ coding: [{ system: SNOMED_SYSTEM, code: '11429006', display: 'Consultation' }] }],
    subject: ref('Patient', record.patientId),
    basedOn: [ref('ServiceRequest', record.caseId)],
    participant: [{ individual: ref('Practitioner', response.author.id, response.author.name) }],
    period: { start: record.submittedAt, end: response.signedAt },
  };
}

export function toDiagnosticReport(record: FhirResponseRecord): DiagnosticReport {
  const { response } = record;
  return {
    resourceType: 'DiagnosticReport',
    id: response.id,
    basedOn: [ref('ServiceRequest', record.caseId)],
    status: record.amendments.length > 0 ? 'amended' : 'final',
    code: CONSULT_NOTE,
    subject: ref('Patient', record.patientId),
    encounter: ref('Encounter', response.id),
    effectiveDateTime: response.signedAt,
    issued: response.signedAt,
    performer: [ref('Practitioner', response.author.id, response.author.name)],
    ...(record.photoIds.length > 0 ? { media: record.photoIds.map((id) => ({ link: ref('Media', id) })) } : {}),
    conclusion: response.narrative,
    conclusionCode: [dispositionConcept(response.disposition)],
  };
}

export function toConsultNote(record: FhirResponseRecord): DocumentReference {
  const { response } = record;
  const content: DocumentReference['content'] = [
    {
      attachment: {
        contentType: 'text/plain; charset=utf-8',
        language: 'en',
        data: utf8ToBase64(consultNoteText(record)),
        title: `Consult note ${record.caseNumber}`,
        creation: response.signedAt,
      },
    },
  ];
  if (response.carePlan) {
    content.push({
      attachment: {
        contentType: 'application/pdf',
        url: `Binary/${response.carePlan.id}`,
        size: response.carePlan.byteSize,
        title: 'Care plan',
      },
    });
  }
  return {
    resourceType: 'DocumentReference',
    id: response.id,
    status: 'current',
    docStatus: record.amendments.length > 0 ? 'amended' : 'final',
    type: CONSULT_NOTE,
    subject: ref('Patient', record.patientId),
    date: response.signedAt,
    author: [ref('Practitioner', response.author.id, response.author.name)],
    authenticator: ref('Practitioner', response.author.id, response.author.name),
    content,
    context: { encounter: [ref('Encounter', response.id)], related: [ref('ServiceRequest', record.caseId)] },
  };
}

/** A correction is its own note that appends the original; the original stays as signed. */
export function toAmendmentNote(record: FhirResponseRecord, index: number): DocumentReference {
  const amendment = record.amendments[index];
  if (!amendment) throw new Error('no such amendment');
  return {
    resourceType: 'DocumentReference',
    id: amendment.id,
    status: 'current',
    docStatus: 'final',
    type: CONSULT_NOTE,
    subject: ref('Patient', record.patientId),
    date: amendment.createdAt,
    author: [ref('Practitioner', amendment.author.id, amendment.author.name)],
    relatesTo: [{ code: 'appends', target: ref('DocumentReference', record.response.id) }],
    description: 'Amendment',
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          data: utf8ToBase64(`Amendment (${amendment.reason})\n\n${amendment.text}\n`),
          creation: amendment.createdAt,
        },
      },
    ],
    context: { encounter: [ref('Encounter', record.response.id)] },
  };
}

/** The prescription as a printable order; Dermis sends it to no e-prescribing network. */
export function toMedicationRequest(record: FhirResponseRecord): MedicationRequest | undefined {
  const { response } = record;
  const medication = response.medication;
  if (!medication) return undefined;
  const route = medication.route ? MEDICATION_ROUTES[medication.route] : null;
  return {
    resourceType: 'MedicationRequest',
    id: response.id,
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: {
      ...(medication.code
        ? { coding: [{ system: MEDICATION_CODE_SYSTEMS[medication.code.system], code: medication.code.value.trim() }] }
        : {}),
      text: medication.name,
    },
    subject: ref('Patient', record.patientId),
    encounter: ref('Encounter', response.id),
    authoredOn: response.signedAt,
    requester: ref('Practitioner', response.author.id, response.author.name),
    basedOn: [ref('ServiceRequest', record.caseId)],
    dosageInstruction: [
      {
        text: dosageText(medication),
        patientInstruction: medication.instructions,
        timing: { code: { text: medication.frequency } },
        ...(route ? { route: { coding: [{ system: SNOMED_SYSTEM, ...route }], text: route.display } } : {}),
      },
    ],
    dispenseRequest: {
      ...(medication.quantity.value !== null
        ? { quantity: { value: medication.quantity.value, unit: medication.quantity.unit } }
        : {}),
      ...(medication.durationDays !== null
        ? {
            expectedSupplyDuration: {
              value: medication.durationDays,
              unit: 'days',
              system: 'http://unitsofmeasure.org',
              code: 'd',
            },
          }
        : {}),
    },
  };
}

function taskStatus(status: CaseStatus): { status: Task['status']; business?: string } {
  switch (status) {
    case 'draft':
      return { status: 'draft' };
    case 'submitted':
      return { status: 'requested' };
    case 'in_review':
      return { status: 'in-progress' };
    case 'waiting_for_patient':
      return { status: 'on-hold', business: 'Waiting for patient' };
    case 'waiting_for_specialist':
      return { status: 'in-progress', business: 'Waiting for specialist' };
    case 'responded':
    case 'closed':
      return { status: 'completed' };
    case 'withdrawn':
      return { status: 'cancelled' };
  }
}

/** The consult's status as a Task: what a receiving system polls to know whether the answer is there. */
export function toConsultTask(record: FhirResponseRecord): Task {
  const { status, business } = taskStatus(record.caseStatus);
  const { response } = record;
  return {
    resourceType: 'Task',
    id: `${record.caseId}-consult`,
    basedOn: [ref('ServiceRequest', record.caseId)],
    status,
    ...(business ? { businessStatus: { text: business } } : {}),
    intent: 'order',
    code: { coding: [{ system: SNOMED_SYSTEM, code: '11429006', display: 'Consultation' }] },
    focus: ref('ServiceRequest', record.caseId),
    for: ref('Patient', record.patientId),
    encounter: ref('Encounter', response.id),
    authoredOn: record.submittedAt,
    lastModified: response.signedAt,
    owner: ref('Practitioner', response.author.id, response.author.name),
    output: [
      { type: { text: 'Diagnostic report' }, valueReference: ref('DiagnosticReport', response.id) },
      { type: CONSULT_NOTE, valueReference: ref('DocumentReference', response.id) },
    ],
  };
}

export function buildResponseResources(record: FhirResponseRecord): ResponseResources {
  const medicationRequest = toMedicationRequest(record);
  return {
    encounter: toConsultEncounter(record),
    diagnosticReport: toDiagnosticReport(record),
    consultNote: toConsultNote(record),
    amendmentNotes: record.amendments.map((_, index) => toAmendmentNote(record, index)),
    ...(medicationRequest ? { medicationRequest } : {}),
    task: toConsultTask(record),
  };
}
