import { ERROR_CODES, type ErrorCode } from '@dermis/core';
import { ApiError, NETWORK_ERROR } from '../api/client.ts';

export type ErrorMessageKey = `errors.${ErrorCode}` | 'errors.NETWORK_ERROR' | 'errors.generic';

export interface ErrorMessage {
  key: ErrorMessageKey;
  /** Set for throttling answers that say how long to wait. */
  retryAfterMinutes?: number;
}

/** Only codes we have a translation for are shown; anything else gets the generic message, never server text. */
export function errorMessageKey(code: string): ErrorMessageKey {
  if (code === NETWORK_ERROR) return 'errors.NETWORK_ERROR';
  if (Object.hasOwn(ERROR_CODES, code)) return `errors.${code as ErrorCode}`;
  return 'errors.generic';
}

export function describeError(error: unknown): ErrorMessage {
  if (!(error instanceof ApiError)) return { key: 'errors.generic' };
  const key = errorMessageKey(error.code);
  const seconds = error.retryAfterSeconds;
  if (key !== 'errors.generic' && seconds !== undefined && seconds > 0) {
    return { key, retryAfterMinutes: Math.ceil(seconds / 60) };
  }
  return { key };
}
