import { describe, expect, it } from 'vitest';
import { addBusinessDays, expectedResponseDate } from './response-window.ts';

describe('expected response date (business days, Monday to Friday, UTC)', () => {
  it.each([
    ['Wednesday + 2 → Friday', '2026-11-25T09:00:00Z', 2, '2026-11-27'],
    ['Thursday + 2 skips the weekend → Monday', '2026-11-26T09:00:00Z', 2, '2026-11-30'],
    ['Friday evening + 1 → Monday', '2026-11-27T23:30:00Z', 1, '2026-11-30'],
    ['Saturday + 1 → Monday', '2026-11-28T10:00:00Z', 1, '2026-11-30'],
    ['Sunday + 2 → Tuesday', '2026-11-29T10:00:00Z', 2, '2026-12-01'],
    ['Monday + 5 → next Monday', '2026-11-30T10:00:00Z', 5, '2026-12-07'],
    ['zero days is the same day', '2026-11-25T09:00:00Z', 0, '2026-11-25'],
    ['across the new year', '2026-12-31T12:00:00Z', 2, '2027-01-04'],
  ])('%s', (_name, submitted, days, expected) => {
    expect(expectedResponseDate(new Date(submitted), days)).toBe(expected);
  });

  it('refuses negative or fractional days', () => {
    expect(() => addBusinessDays(new Date(), -1)).toThrow(RangeError);
    expect(() => addBusinessDays(new Date(), 1.5)).toThrow(RangeError);
  });
});
