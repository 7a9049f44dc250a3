export * from './clinical-summary.ts';
