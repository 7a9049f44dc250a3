import type { SpecialistQueue, SpecialistQueueEntry } from '@dermis/core';
import { describe, expect, it } from 'vitest';
import { afterClaim, waitingSeconds } from './specialist-queue-state.ts';

const entry = (id: string): SpecialistQueueEntry => ({
  id,
  question: 'Excise?',
  concern: 'lesion',
  ageGroup: '40_64',
  priority: 'urgent',
  escalatedAt: '2026-11-25T09:00:00.000Z',
  namedForMe: false,
  status: 'open',
});
const queue: SpecialistQueue = { open: [entry('a'), entry('b')], mine: [] };

describe('the specialist queue after a claim', () => {
  it('won: the entry moves to my escalations, claimed', () => {
    const next = afterClaim(queue, 'a', 'claimed');
    expect(next.open.map((e) => e.id)).toEqual(['b']);
    expect(next.mine).toEqual([{ ...entry('a'), status: 'claimed' }]);
  });

  it.each([
    ['lost to another specialist (409)', 'taken'],
    ['withdrawn by the dermatologist meanwhile (404)', 'gone'],
  ] as const)('%s: the entry leaves the open list and is not mine', (_name, outcome) => {
    const next = afterClaim(queue, 'b', outcome);
    expect(next.open.map((e) => e.id)).toEqual(['a']);
    expect(next.mine).toEqual([]);
  });

  it('waiting time counts from the escalation, never negative', () => {
    expect(waitingSeconds('2026-11-25T09:00:00.000Z', new Date('2026-11-25T10:00:00Z'))).toBe(3600);
    expect(waitingSeconds('2026-11-25T09:00:00.000Z', new Date('2026-11-25T08:00:00Z'))).toBe(0);
  });
});
