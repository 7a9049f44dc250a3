import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  type CaseStatus,
  CaseTransitionError,
  canTransition,
  isEditable,
  TERMINAL_CASE_STATUSES,
} from './case-status.ts';

// One row per allowed change, with the clinical reason in the row's name (STYLE.md, table-driven tests).
const ALLOWED: [CaseStatus, CaseStatus, string][] = [
  ['draft', 'submitted', 'the patient submits a complete case'],
  ['draft', 'withdrawn', 'the author abandons the draft'],
  ['submitted', 'in_review', 'a dermatologist claims it'],
  ['submitted', 'withdrawn', 'the patient withdraws before review'],
  ['in_review', 'submitted', 'the dermatologist releases it to the queue'],
  ['in_review', 'waiting_for_patient', 'more images are requested'],
  ['in_review', 'waiting_for_specialist', 'the case is escalated'],
  ['in_review', 'responded', 'the response is signed'],
  ['waiting_for_patient', 'in_review', 'the requested images arrive'],
  ['waiting_for_patient', 'closed', 'the patient never answers'],
  ['waiting_for_specialist', 'in_review', 'the consultation note arrives'],
  ['responded', 'closed', 'the case is closed after the response'],
];

// Refusals worth naming: each is a mistake someone could plausibly make.
const REFUSED: [CaseStatus, CaseStatus, string][] = [
  ['submitted', 'submitted', 'a case is not submitted twice'],
  ['draft', 'in_review', 'nobody reviews an unsubmitted draft'],
  ['draft', 'responded', 'nobody answers an unsubmitted draft'],
  ['in_review', 'withdrawn', 'the patient cannot withdraw once review has started'],
  ['waiting_for_specialist', 'responded', 'the provider finalises after the consultation, from review'],
  ['responded', 'in_review', 'a signed response is amended, never reopened'],
  ['closed', 'submitted', 'a closed case stays closed'],
  ['withdrawn', 'submitted', 'a withdrawn case is not revived (start a new one)'],
  ['withdrawn', 'draft', 'a withdrawn case does not become a draft again'],
  ['submitted', 'draft', 'a submitted case is a record, not a draft'],
];

describe('case status transitions', () => {
  it.each(ALLOWED)('%s → %s is allowed: %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(REFUSED)('%s → %s is refused: %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => assertTransition(from, to)).toThrow(CaseTransitionError);
    try {
      assertTransition(from, to);
    } catch (error) {
      expect((error as CaseTransitionError).code).toBe('CASE_TRANSITION_NOT_ALLOWED');
    }
  });

  it('the table above is the whole table: every other pair is refused', () => {
    const expected = new Set(ALLOWED.map(([from, to]) => `${from}>${to}`));
    expect(new Set(CASE_TRANSITIONS.map((t) => `${t.from}>${t.to}`))).toEqual(expected);
    let refused = 0;
    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUSES) {
        expect(canTransition(from, to), `${from}>${to}`).toBe(expected.has(`${from}>${to}`));
        if (!expected.has(`${from}>${to}`)) refused++;
      }
    }
    expect(refused).toBe(CASE_STATUSES.length ** 2 - ALLOWED.length);
  });

  it('every transition states its reason and names known statuses', () => {
    for (const t of CASE_TRANSITIONS) {
      expect(t.reason.length).toBeGreaterThan(10);
      expect(CASE_STATUSES).toContain(t.from);
      expect(CASE_STATUSES).toContain(t.to);
    }
  });

  it('closed and withdrawn are terminal; every other status can be reached from draft', () => {
    expect([...TERMINAL_CASE_STATUSES].sort()).toEqual(['closed', 'withdrawn']);
    const reached = new Set<CaseStatus>(['draft']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const t of CASE_TRANSITIONS) {
        if (reached.has(t.from) && !reached.has(t.to)) {
          reached.add(t.to);
          changed = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('only a draft can be edited', () => {
    expect(CASE_STATUSES.filter(isEditable)).toEqual(['draft']);
  });
});
