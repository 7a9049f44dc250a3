import { ERROR_CODES, type ErrorCode } from '@dermis/core';

/** One field-level problem; intake errors also name the questionnaire item and the intake error code. */
export interface FieldError {
  path: string;
  message: string;
  linkId?: string;
  code?: string;
}

/**
 * An error the API answers on purpose. The message a person reads comes from the catalogue in core
 * (one place for every code); `detail` is optional extra text that must never echo input or PHI.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly errors: FieldError[] | undefined;

  constructor(code: ErrorCode, options: { detail?: string; retryAfterSeconds?: number; errors?: FieldError[] } = {}) {
    super(ERROR_CODES[code].title);
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.detail = options.detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.errors = options.errors;
  }
}

export function problemBody(error: AppError) {
  return {
    type: `https://dermis.dev/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: ERROR_CODES[error.code].title,
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  };
}
