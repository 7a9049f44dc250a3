export * from './body-site.ts';
export * from './extract-intake.ts';
export * from './extract-observations.ts';
