export * from './api/admin.schema.ts';
export * from './api/audit.schema.ts';
export * from './api/auth.schema.ts';
export * from './api/error-codes.ts';
export * from './api/problem.schema.ts';
export * from './identity/password-policy.ts';
export * from './identity/roles.ts';
