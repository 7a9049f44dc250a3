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
  PATIENT_DETAILS_INVALID: { status: 400, title: 'Some of the patient’s details are missing or not valid.' },
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
  // Photos (issue 4): uploads, the server's image pipeline (codes shared with the images module's
  // rejection codes) and signed image links.
  FILE_EMPTY: { status: 400, title: 'The file is empty.' },
  FILE_TOO_LARGE: { status: 413, title: 'The photo is larger than 25 MB.' },
  FORMAT_NOT_ALLOWED: { status: 415, title: 'Only JPEG, PNG, WebP and HEIC photos are accepted.' },
  FILE_CORRUPT: { status: 422, title: 'The photo is damaged or incomplete. Take or export it again.' },
  TOO_MANY_PIXELS: { status: 422, title: 'The photo has too many pixels to process.' },
  PROCESSING_TIMEOUT: { status: 422, title: 'The photo took too long to process.' },
  PROCESSING_FAILED: { status: 422, title: 'The photo could not be processed.' },
  PHOTO_QUALITY_REJECTED: { status: 422, title: 'The photo is not clear enough for a dermatologist. Take it again.' },
  PHOTO_LIMIT_REACHED: { status: 409, title: 'This case already has as many photos as it can take.' },
  PHOTOS_REQUIRED: { status: 409, title: 'Add at least one photo for every body site before sending.' },
  // More images (issue 5): photos sent after review answer one of the dermatologist's requests.
  PHOTO_REQUEST_REQUIRED: {
    status: 409,
    title: 'Photos for this case can only be sent for what the dermatologist asked.',
  },
  REQUESTED_PHOTOS_MISSING: {
    status: 409,
    title: 'Add at least one photo for every photo the dermatologist asked for.',
  },
  UPLOAD_OFFSET_CONFLICT: { status: 409, title: 'The upload is out of step. Resume it from where the server stopped.' },
  UPLOAD_IN_PROGRESS: { status: 409, title: 'The photo is still being processed. Try again shortly.' },
  IMAGE_LINK_EXPIRED: { status: 403, title: 'This image link has expired. Open the photo again.' },
  // NHS e-RS export (exports module)
  EXPORT_CASE_NOT_SENT: { status: 409, title: 'Only a case that has been sent can be exported.' },
  EXPORT_FAILED: { status: 503, title: 'The export could not be prepared. Try again in a few minutes.' },
  // Web push (notifications module)
  PUSH_NOT_CONFIGURED: { status: 409, title: 'Notifications on this device are not available on this server.' },
  PUSH_ENDPOINT_NOT_ALLOWED: { status: 422, title: 'This browser uses a push service this server does not send to.' },
  // Dermatologist queue and claiming (review module)
  CASE_ALREADY_CLAIMED: { status: 409, title: 'Another dermatologist has already claimed this case.' },
  CASE_NOT_CLAIMED: { status: 409, title: 'This case is not claimed by you.' },
  QUEUE_CURSOR_INVALID: { status: 400, title: 'This page of the queue is no longer valid. Start from the first page.' },
  REASSIGN_TARGET_INVALID: { status: 400, title: 'Choose an active dermatologist.' },
  // Annotations on photos (case-review module)
  ANNOTATION_INVALID: { status: 400, title: 'This annotation needs a note and a region inside the photo.' },
  ANNOTATION_LOCKED: { status: 409, title: 'The response has been signed; its annotations can no longer be changed.' },
  // The dermatologist's response (responses module)
  RESPONSE_DRAFT_VERSION_CONFLICT: {
    status: 409,
    title: 'The response was changed elsewhere in the meantime. Choose which version to keep.',
  },
  RESPONSE_INCOMPLETE: { status: 400, title: 'The response is not complete yet, so it cannot be signed.' },
  RESPONSE_ALREADY_SIGNED: { status: 409, title: 'This response has already been signed. Add an amendment instead.' },
  RESPONSE_NOT_SIGNED: { status: 409, title: 'There is no signed response to amend yet.' },
  CARE_PLAN_NOT_PDF: { status: 415, title: 'The care plan must be a PDF file.' },
  CARE_PLAN_TOO_LARGE: { status: 413, title: 'The care plan is larger than 10 MB.' },
  // Specialist escalation (escalations module)
  ESCALATION_ALREADY_OPEN: { status: 409, title: 'This case already waits for a specialist.' },
  ESCALATION_NOT_PENDING: { status: 409, title: 'This escalation has already been answered or withdrawn.' },
  ESCALATION_ALREADY_CLAIMED: { status: 409, title: 'Another specialist has already claimed this escalation.' },
  SPECIALIST_UNAVAILABLE: { status: 400, title: 'Choose an available specialist of that type.' },
  CONSULTATION_INCOMPLETE: { status: 400, title: 'The consultation note is not complete yet, so it cannot be signed.' },
  CONSULTATION_ALREADY_SIGNED: {
    status: 409,
    title: 'This consultation note has already been signed. Add an amendment instead.',
  },
  CONSULTATION_NOT_SIGNED: { status: 409, title: 'There is no signed consultation note to amend yet.' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
