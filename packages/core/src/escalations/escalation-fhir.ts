import type { DocumentReference, Provenance, Reference, ServiceRequest, Task } from 'fhir/r4.js';
import { LOINC_SYSTEM, SNOMED_SYSTEM } from '../intake/intake-codes.ts';
import { utf8ToBase64 } from '../responses/base64-text.ts';
import { type Disposition, dispositionDisplay } from '../responses/dispositions.ts';
import type { EscalationStatus } from './escalation-status.ts';

/** Specialist types are configuration; their codes travel in a Dermis code system. */
export const SPECIALIST_TYPE_SYSTEM = 'https://dermis.dev/fhir/CodeSystem/specialist-type';

/**
 * An escalation as FHIR R4 (DESIGN.md flow 8): a ServiceRequest (id = escalation id) based on the case's
 * consult ServiceRequest (id = case id, fhir-ids.ts), a Task (same id) owned by the claiming specialist, and
 * the signed consultation note as a DocumentReference (id = note id) with its Provenance (id = note id).
 */
export interface FhirEscalationRecord {
  id: string;
  caseId: string;
  patientRecordId: string;
  status: EscalationStatus;
  specialistType: { code: string; name: string };
  requestedSpecialistId: string | null;
  question: string;
  escalatedBy: string;
  escalatedAt: string;
  claimedBy: string | null;
  claimedAt: string | null;
  answeredAt: string | null;
  withdrawnAt: string | null;
  note: FhirConsultationNote | null;
}

export interface FhirConsultationNote {
  id: string;
  assessment: string;
  answer: string;
  recommendation: string;
  suggestedDisposition: Disposition;
  signedBy: string;
  signedAt: string;
  amendments: { reason: string; text: string; createdAt: string }[];
}

const practitioner = (id: string): Reference => ({ reference: `Practitioner/${id}` });
/** SNOMED CT 11429006 |Consultation|. */
const CONSULTATION = { system: SNOMED_SYSTEM, code: '11429006', display: 'Consultation' };

function requestStatus(status: EscalationStatus): ServiceRequest['status'] {
  if (status === 'answered') return 'completed';
  if (status === 'withdrawn') return 'revoked';
  return 'active';
}

function taskStatus(status: EscalationStatus): Task['status'] {
  return ({ open: 'requested', claimed: 'accepted', answered: 'completed', withdrawn: 'cancelled' } as const)[status];
}

export function toEscalationServiceRequest(e: FhirEscalationRecord): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: e.id,
    status: requestStatus(e.status),
    intent: 'order',
    basedOn: [{ reference: `ServiceRequest/${e.caseId}` }],
    code: { coding: [CONSULTATION], text: `${e.specialistType.name} consultation` },
    subject: { reference: `Patient/${e.patientRecordId}` },
    authoredOn: e.escalatedAt,
    requester: practitioner(e.escalatedBy),
    performerType: {
      coding: [{ system: SPECIALIST_TYPE_SYSTEM, code: e.specialistType.code }],
      text: e.specialistType.name,
    },
    ...(e.requestedSpecialistId ? { performer: [practitioner(e.requestedSpecialistId)] } : {}),
    note: [{ text: e.question }],
  };
}

export function toEscalationTask(e: FhirEscalationRecord): Task {
  const end = e.answeredAt ?? e.withdrawnAt;
  return {
    resourceType: 'Task',
    id: e.id,
    status: taskStatus(e.status),
    intent: 'order',
    basedOn: [{ reference: `ServiceRequest/${e.id}` }],
    focus: { reference: `ServiceRequest/${e.id}` },
    for: { reference: `Patient/${e.patientRecordId}` },
    authoredOn: e.escalatedAt,
    requester: practitioner(e.escalatedBy),
    ...(e.claimedBy ? { owner: practitioner(e.claimedBy) } : {}),
    ...(e.claimedAt ? { executionPeriod: { start: e.claimedAt, ...(end ? { end } : {}) } } : {}),
    ...(e.note
      ? {
          output: [
            {
              type: { text: 'Consultation note' },
              valueReference: { reference: `DocumentReference/${e.note.id}` },
            },
          ],
        }
      : {}),
  };
}

/** The note as plain text (the general EHR path, DESIGN.md field facts), amendments after the original. */
export function consultationNoteText(question: string, note: FhirConsultationNote): string {
  const lines = [
    `Question: ${question}`,
    `Assessment: ${note.assessment}`,
    `Answer: ${note.answer}`,
    `Recommendation: ${note.recommendation}`,
    `Suggested disposition: ${dispositionDisplay(note.suggestedDisposition)}`,
    ...note.amendments.map((a) => `Amendment (${a.createdAt}): ${a.text} Reason: ${a.reason}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function toConsultationDocumentReference(
  e: FhirEscalationRecord,
  note: FhirConsultationNote,
): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id: note.id,
    status: 'current',
    docStatus: note.amendments.length > 0 ? 'amended' : 'final',
    // LOINC 11488-4 Consult note (DESIGN.md field facts).
    type: { coding: [{ system: LOINC_SYSTEM, code: '11488-4', display: 'Consult note' }] },
    subject: { reference: `Patient/${e.patientRecordId}` },
    date: note.signedAt,
    author: [practitioner(note.signedBy)],
    authenticator: practitioner(note.signedBy),
    description: `${e.specialistType.name} consultation note`,
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          data: utf8ToBase64(consultationNoteText(e.question, note)),
          title: 'Consultation note',
          creation: note.signedAt,
        },
      },
    ],
    context: { related: [{ reference: `ServiceRequest/${e.id}` }, { reference: `ServiceRequest/${e.caseId}` }] },
  };
}

export function toConsultationProvenance(note: FhirConsultationNote): Provenance {
  return {
    resourceType: 'Provenance',
    id: note.id,
    target: [{ reference: `DocumentReference/${note.id}` }],
    recorded: note.signedAt,
    activity: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'CREATE', display: 'create' }],
    },
    agent: [
      {
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
              code: 'author',
              display: 'Author',
            },
          ],
        },
        who: practitioner(note.signedBy),
      },
    ],
  };
}

export interface EscalationResources {
  serviceRequest: ServiceRequest;
  task: Task;
  consultationNote?: DocumentReference;
  provenance?: Provenance;
}

export function buildEscalationResources(e: FhirEscalationRecord): EscalationResources {
  const resources: EscalationResources = { serviceRequest: toEscalationServiceRequest(e), task: toEscalationTask(e) };
  if (e.note) {
    resources.consultationNote = toConsultationDocumentReference(e, e.note);
    resources.provenance = toConsultationProvenance(e.note);
  }
  return resources;
}
