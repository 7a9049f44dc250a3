export * from './consult-note-text.ts';
export * from './dispositions.ts';
export * from './medication-text.ts';
export * from './response-fhir.ts';
export * from './response-record.ts';
export * from './validate-response-content.ts';
