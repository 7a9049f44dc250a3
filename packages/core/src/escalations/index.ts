export * from './escalation.schema.ts';
export * from './escalation-fhir.ts';
export * from './escalation-status.ts';
