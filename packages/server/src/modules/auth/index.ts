// The auth module's public surface; other modules and the platform import only from here.
export { authJobHandlers } from './emails.ts';
export { hashPassword } from './password-hash.ts';
export { issuePasswordToken } from './password-reset.service.ts';
export { registerAuthRoutes } from './routes.ts';
export { csrfTokenFor, lookupSession, revokeAllSessions, SESSION_COOKIE, type Session } from './sessions.ts';
export { findUserById, insertUser, type UserRow } from './store.ts';
export { currentTotpCode } from './totp.ts';
