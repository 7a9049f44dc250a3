import { ERROR_CODES } from '@dermis/core';
import type { FastifyError } from 'fastify';
import type { OperationOutcome } from 'fhir/r4.js';
import { AppError } from '../../platform/errors.ts';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
/** Dermis error codes (core/api/error-codes.ts) as a FHIR code system, so a client can act on the code. */
export const ERROR_CODE_SYSTEM = 'https://dermis.dev/fhir/CodeSystem/error-code';

/** R4 issue-type for an HTTP status (http://hl7.org/fhir/issue-type). */
function issueType(status: number): OperationOutcome['issue'][number]['code'] {
  if (status === 401) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too-costly';
  if (status === 429) return 'throttled';
  if (status === 503) return 'transient';
  if (status >= 500) return 'exception';
  return 'invalid';
}

/** The same stable code and title as the problem+json answers elsewhere; never input or PHI. */
export function toOperationOutcome(error: AppError): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: issueType(error.status),
        details: {
          coding: [{ system: ERROR_CODE_SYSTEM, code: error.code }],
          text: ERROR_CODES[error.code].title,
        },
        ...(error.detail ? { diagnostics: error.detail } : {}),
      },
    ],
  };
}

/** Errors on FHIR routes (including the access hook's) as an AppError, like the app-wide handler does. */
export function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) return new AppError('VALIDATION_FAILED');
  if (error.statusCode === 404) return new AppError('NOT_FOUND');
  if (error.statusCode === 429) return new AppError('RATE_LIMITED');
  return new AppError('INTERNAL');
}
