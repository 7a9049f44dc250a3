import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4.js';
import type { CaseResourceType } from './fhir-ids.ts';

/** Search parameters Dermis answers, per type: `_id` everywhere, and the case's ServiceRequest where R4 has it. */
export const FHIR_SEARCH_PARAMS: Record<CaseResourceType, readonly string[]> = {
  Patient: ['_id'],
  ServiceRequest: ['_id'],
  Condition: ['_id'],
  QuestionnaireResponse: ['_id', 'based-on'],
  Observation: ['_id'],
  AllergyIntolerance: ['_id'],
  MedicationStatement: ['_id'],
  Media: ['_id', 'based-on'],
  Binary: [],
};

const PARAM_DOCS: Record<string, { type: 'token' | 'reference'; documentation: string }> = {
  _id: { type: 'token', documentation: 'The logical id of the resource.' },
  'based-on': { type: 'reference', documentation: "The case's consult request, as ServiceRequest/<id>." },
};

/**
 * What this server does (GET /fhir/R4/metadata): read and a narrow search of one case's resources, JSON only.
 * Not PHI: the same for everyone, so it is served without a session, as FHIR clients expect.
 */
export function buildCapabilityStatement(options: {
  baseUrl: string;
  version: string;
  date: string;
}): CapabilityStatement {
  const resource: CapabilityStatementRestResource[] = Object.entries(FHIR_SEARCH_PARAMS).map(([type, params]) => ({
    type,
    interaction: [{ code: 'read' as const }, ...(params.length > 0 ? [{ code: 'search-type' as const }] : [])],
    ...(params.length > 0
      ? {
          searchParam: params.map((name) => ({
            name,
            type: PARAM_DOCS[name]!.type,
            documentation: PARAM_DOCS[name]!.documentation,
          })),
        }
      : {}),
  }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: options.date,
    publisher: 'Dermis',
    kind: 'instance',
    software: { name: 'Dermis', version: options.version },
    implementation: { description: 'Dermis teledermatology FHIR R4 endpoint', url: options.baseUrl },
    // 4.0.0, not 4.0.1: HL7's R4 JSON schema (one of our two validators) only enumerates 4.0.0; both name R4 and
    // share one wire format, and FHIR clients (HAPI, Medplum) read either as R4.
    fhirVersion: '4.0.0',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation: 'Read access to the resources of cases the signed-in user may see; other cases answer 404.',
        security: { description: 'A Dermis session (cookie) is required for every interaction but this one.' },
        resource,
      },
    ],
  };
}
