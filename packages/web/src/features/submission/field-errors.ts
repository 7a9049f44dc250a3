import type { IntakeErrorCode, IntakeValidationError } from '@dermis/core';
import { ApiError } from '../../api/client.ts';

/** The first problem per linkId (one message per field is enough to act on). */
export type FieldErrors = ReadonlyMap<string, IntakeErrorCode>;

export function toFieldErrors(errors: readonly IntakeValidationError[]): FieldErrors {
  const byLinkId = new Map<string, IntakeErrorCode>();
  for (const error of errors) {
    const key = error.linkId ?? '';
    if (!byLinkId.has(key)) byLinkId.set(key, error.code);
  }
  return byLinkId;
}

/** The server's INTAKE_INVALID answer carries the same codes the core validator produces. */
export function intakeErrorsOf(error: unknown): IntakeValidationError[] {
  if (!(error instanceof ApiError) || error.code !== 'INTAKE_INVALID') return [];
  return (error.problem?.errors ?? []).flatMap((e) =>
    e.code ? [{ code: e.code as IntakeErrorCode, ...(e.linkId ? { linkId: e.linkId } : {}) }] : [],
  );
}

/** Today's date where the patient is (dates of past events may not be after it). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
