export * from './body-site.ts';
export * from './capability-statement.ts';
export * from './case-record.ts';
export * from './case-resources.ts';
export * from './extract-intake.ts';
export * from './extract-observations.ts';
export * from './fhir-ids.ts';
