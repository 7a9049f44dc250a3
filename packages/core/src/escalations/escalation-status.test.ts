import { describe, expect, it } from 'vitest';
import {
  canWithdrawEscalation,
  escalationDueAt,
  isEscalationPending,
  minutesBetween,
  missingConsultationFields,
} from './escalation-status.ts';

describe('escalation status rules', () => {
  it.each([
    ['open: waiting in the type queue', 'open', true],
    ['claimed: a specialist is writing', 'claimed', true],
    ['answered: the note is signed, nothing to withdraw', 'answered', false],
    ['withdrawn: already gone', 'withdrawn', false],
  ] as const)('%s', (_name, status, pending) => {
    expect(isEscalationPending(status)).toBe(pending);
    expect(canWithdrawEscalation(status)).toBe(pending);
  });

  it('a consultation note needs every field before signing', () => {
    expect(missingConsultationFields(null)).toHaveLength(4);
    expect(
      missingConsultationFields({ assessment: ' ', answer: 'a', recommendation: 'r', suggestedDisposition: null }),
    ).toEqual(['assessment', 'suggestedDisposition']);
    expect(
      missingConsultationFields({
        assessment: 'x',
        answer: 'a',
        recommendation: 'r',
        suggestedDisposition: 'in_person_referral',
      }),
    ).toEqual([]);
  });

  it('times to claim and due dates', () => {
    const at = new Date('2026-11-25T09:00:00Z');
    expect(minutesBetween(at, new Date('2026-11-25T10:30:59Z'))).toBe(90);
    expect(minutesBetween(at, null)).toBeNull();
    expect(escalationDueAt(at, 48).toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });
});
