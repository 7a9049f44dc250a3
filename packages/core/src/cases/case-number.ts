/**
 * Case numbers are what people read out on the phone and see on the receipt: `DRM-2026-000123` (prefix, the
 * year the case was opened, a sequence number of at least six digits). They are a reference, never a key:
 * every API looks a case up by its UUID inside the caller's scope, so knowing or guessing a number opens
 * nothing. The sequence is global (it does not restart each year), so a number is unique on its own.
 */
export const CASE_NUMBER_PATTERN = /^DRM-(\d{4})-(\d{6,})$/;

export function formatCaseNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError('year out of range');
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError('sequence must be a positive integer');
  return `DRM-${year}-${String(sequence).padStart(6, '0')}`;
}

export function parseCaseNumber(value: string): { year: number; sequence: number } | null {
  const match = CASE_NUMBER_PATTERN.exec(value);
  if (!match) return null;
  const sequence = Number(match[2]);
  if (sequence < 1 || !Number.isSafeInteger(sequence)) return null;
  return { year: Number(match[1]), sequence };
}
