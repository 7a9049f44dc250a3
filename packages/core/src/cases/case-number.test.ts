import { describe, expect, it } from 'vitest';
import { CASE_NUMBER_PATTERN, formatCaseNumber, parseCaseNumber } from './case-number.ts';

describe('case numbers', () => {
  it.each([
    [2026, 123, 'DRM-2026-000123'],
    [2026, 1, 'DRM-2026-000001'],
    [2027, 999_999, 'DRM-2027-999999'],
    // Past a million the number grows rather than wrapping or colliding.
    [2030, 1_234_567, 'DRM-2030-1234567'],
  ])('year %i, sequence %i → %s', (year, sequence, expected) => {
    expect(formatCaseNumber(year, sequence)).toBe(expected);
    expect(expected).toMatch(CASE_NUMBER_PATTERN);
    expect(parseCaseNumber(expected)).toEqual({ year, sequence });
  });

  it.each([
    [2026, 0],
    [2026, -5],
    [2026, 1.5],
    [99, 1],
  ])('refuses year %i with sequence %i', (year, sequence) => {
    expect(() => formatCaseNumber(year, sequence)).toThrow(RangeError);
  });

  it.each(['DRM-2026-123', 'drm-2026-000123', 'DRM-2026-000000', 'DRM-2026-000123 ', 'XYZ-2026-000123', ''])(
    'does not parse %j',
    (value) => {
      expect(parseCaseNumber(value)).toBeNull();
    },
  );
});
