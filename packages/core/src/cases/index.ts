export * from './body-sites.ts';
export * from './case-number.ts';
export * from './case-status.ts';
export * from './consent-text.ts';
export * from './patient-details.ts';
export * from './response-window.ts';
