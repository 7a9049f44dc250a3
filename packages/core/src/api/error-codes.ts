/**
 * Every error the API can answer, in one place: a stable code for programs, a status, and a title
 * for people (the web app translates by code). Modelled on Fastify's lib/errors.js.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid.' },
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON.' },
  JSON_TOO_DEEP: { status: 400, title: 'The request body is nested too deeply.' },
  FORBIDDEN_KEY: { status: 400, title: 'The request body contains a forbidden key.' },
  BODY_TOO_LARGE: { status: 413, title: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'This content type is not accepted.' },
  UNAUTHENTICATED: { status: 401, title: 'Sign in to continue.' },
  SESSION_EXPIRED: { status: 401, title: 'Your session has ended. Sign in again.' },
  SECOND_FACTOR_REQUIRED: { status: 401, title: 'Finish signing in with your authenticator code.' },
  CSRF_REJECTED: { status: 403, title: 'The request did not come from Dermis.' },
  NOT_FOUND: { status: 404, title: 'Not found.' },
  INVALID_CREDENTIALS: { status: 401, title: 'Email or password is incorrect.' },
  LOGIN_THROTTLED: { status: 429, title: 'Too many sign-in attempts. Wait a few minutes and try again.' },
  TOTP_INVALID: { status: 401, title: 'That code is not valid. Check the time on your phone and try again.' },
  TOTP_THROTTLED: { status: 429, title: 'Too many wrong codes. Wait a few minutes and try again.' },
  TOTP_ALREADY_ENROLLED: { status: 409, title: 'A second factor is already set up for this account.' },
  TOTP_NOT_ENROLLED: { status: 409, title: 'No second factor is set up for this account.' },
  RESET_TOKEN_INVALID: { status: 400, title: 'This link is no longer valid. Ask for a new one.' },
  PASSWORD_TOO_SHORT: { status: 400, title: 'The password must have at least 12 characters.' },
  PASSWORD_TOO_LONG: { status: 400, title: 'The password is too long.' },
  PASSWORD_CONTAINS_EMAIL: { status: 400, title: 'The password must not contain your email address.' },
  EMAIL_TAKEN: { status: 409, title: 'An account with this email already exists. Sign in or reset your password.' },
  BIRTH_DATE_INVALID: { status: 400, title: 'The date of birth is not valid.' },
  SPECIALIST_TYPE_REQUIRED: { status: 400, title: 'A specialist needs a specialist type.' },
  SPECIALIST_TYPE_UNKNOWN: { status: 400, title: 'That specialist type does not exist.' },
  CANNOT_CHANGE_OWN_ACCOUNT: { status: 409, title: 'You cannot change your own role or disable yourself.' },
  JOB_NOT_RETRYABLE: { status: 409, title: 'Only dead-lettered jobs can be retried.' },
  RATE_LIMITED: { status: 429, title: 'Too many requests. Try again shortly.' },
  AUDIT_UNAVAILABLE: { status: 503, title: 'The request could not be recorded, so it was not carried out.' },
  NOT_READY: { status: 503, title: 'The service is not ready.' },
  INTERNAL: { status: 500, title: 'Something went wrong on our side.' },
  CONSENT_REQUIRED: { status: 409, title: 'Read and accept the current consent before sending your request.' },
  CONSENT_VERSION_OUTDATED: {
    status: 409,
    title: 'The consent text has changed. Read the current version and accept it.',
  },
  CASE_TRANSITION_NOT_ALLOWED: { status: 409, title: 'This case cannot change to that status now.' },
  CASE_NOT_EDITABLE: { status: 409, title: 'Only a draft can be changed. This case has already been sent.' },
  INTAKE_INVALID: { status: 400, title: 'Some answers are missing or not valid.' },
  INTAKE_VERSION_CONFLICT: {
    status: 409,
    title: 'The answers were changed elsewhere in the meantime. Reload them and try again.',
  },
  BODY_SITE_REQUIRED: { status: 400, title: 'Choose at least one body site.' },
  BODY_SITE_UNKNOWN: { status: 400, title: 'That body site is not in the list.' },
  BODY_SITE_LATERALITY_INVALID: {
    status: 400,
    title: 'Say which side for this body site (and only for sites with sides).',
  },
  BODY_SITE_DUPLICATE: { status: 400, title: 'The same body site is listed twice.' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: 'This request needs an Idempotency-Key header.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'This Idempotency-Key was already used for a different request.',
  },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: 'The same request is still being processed. Try again shortly.' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
