export * from './age-group.ts';
export * from './triage-case.ts';
export * from './triage-rules.ts';
