export * from './answer-values.ts';
export * from './enable-when.ts';
export * from './intake-codes.ts';
export * from './intake-error-codes.ts';
export * from './questionnaire.ts';
export * from './questionnaire-item-builders.ts';
export * from './questionnaire-versions.ts';
export * from './validate-response.ts';
