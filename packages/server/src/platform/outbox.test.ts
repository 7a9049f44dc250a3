import { describe, expect, it } from 'vitest';
import { backoffSeconds } from './outbox.ts';

const lowest = () => 0;
const highest = () => 0.999_999;

describe('backoffSeconds', () => {
  it.each([
    // [attempt, base, ceiling]: the ceiling doubles each attempt.
    [1, 5, 5],
    [2, 5, 10],
    [3, 5, 20],
    [4, 5, 40],
    [8, 5, 640],
    [1, 60, 60],
    [6, 60, 1920],
  ])('attempt %i with base %is waits between half and all of %is', (attempts, base, ceiling) => {
    expect(backoffSeconds(base, attempts, highest)).toBe(ceiling);
    expect(backoffSeconds(base, attempts, lowest)).toBe(Math.max(1, Math.round(ceiling / 2)));
    expect(backoffSeconds(base, attempts, () => 0.5)).toBe(Math.round(ceiling * 0.75));
  });

  it.each([
    ['attempt 20 (2^19 x base)', 5, 20],
    ['attempt 100 (no overflow to Infinity)', 5, 100],
    ['a base above the cap', 7200, 1],
  ])('is capped at one hour: %s', (_name, base, attempts) => {
    expect(backoffSeconds(base, attempts, highest)).toBe(3600);
    expect(backoffSeconds(base, attempts, lowest)).toBe(1800);
  });

  it('grows with each attempt at the same jitter', () => {
    const waits = [1, 2, 3, 4, 5, 6].map((attempt) => backoffSeconds(5, attempt, () => 0.3));
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
  });

  it('never waits less than a second, even with base 1 and zero jitter', () => {
    expect(backoffSeconds(1, 1, lowest)).toBe(1);
    expect(backoffSeconds(1, 0, lowest)).toBe(1);
  });

  it('stays within [ceiling/2, ceiling] for real random jitter', () => {
    for (let attempts = 1; attempts <= 12; attempts++) {
      const ceiling = Math.min(3600, 5 * 2 ** (attempts - 1));
      for (let i = 0; i < 200; i++) {
        const wait = backoffSeconds(5, attempts);
        expect(wait).toBeGreaterThanOrEqual(Math.max(1, Math.floor(ceiling / 2)));
        expect(wait).toBeLessThanOrEqual(ceiling);
        expect(Number.isInteger(wait)).toBe(true);
      }
    }
  });

  it('spreads retries of jobs that failed together (jitter)', () => {
    const waits = new Set(Array.from({ length: 50 }, () => backoffSeconds(5, 8)));
    expect(waits.size).toBeGreaterThan(10);
  });
});
