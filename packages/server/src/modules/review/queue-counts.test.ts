import { describe, expect, it } from 'vitest';
import { facetCounts } from './queue.service.ts';
import type { QueueGroupRow } from './store.ts';

const group = (
  concern: QueueGroupRow['concern'],
  age: QueueGroupRow['age_group'],
  priority: QueueGroupRow['triage_priority'],
  review: QueueGroupRow['review'],
  n: number,
): QueueGroupRow => ({
  concern,
  age_group: age,
  triage_priority: priority,
  review,
  n,
});

const groups = [
  group('lesion', '65_plus', 'urgent', 'unclaimed', 3),
  group('lesion', '18_39', 'routine', 'mine', 1),
  group('rash', '65_plus', 'soon', 'others', 2),
  group('other', null, 'routine', 'unclaimed', 4),
];

describe('counts per filter value', () => {
  it('without filters: every group counts everywhere (a case without an age group in no age bucket)', () => {
    expect(facetCounts(groups, {})).toEqual({
      total: 10,
      counts: {
        concern: { lesion: 4, rash: 2, other: 4 },
        ageGroup: { under_18: 0, '18_39': 1, '40_64': 0, '65_plus': 5 },
        priority: { urgent: 3, soon: 2, routine: 5 },
        review: { unclaimed: 7, mine: 1, others: 2 },
      },
    });
  });

  it('a chosen value keeps its siblings; the other dimensions narrow to it', () => {
    expect(facetCounts(groups, { ageGroup: '65_plus' })).toEqual({
      total: 5,
      counts: {
        concern: { lesion: 3, rash: 2, other: 0 },
        ageGroup: { under_18: 0, '18_39': 1, '40_64': 0, '65_plus': 5 },
        priority: { urgent: 3, soon: 2, routine: 0 },
        review: { unclaimed: 3, mine: 0, others: 2 },
      },
    });
  });

  it('two filters: each dimension is counted under the other one', () => {
    const { counts, total } = facetCounts(groups, { concern: 'lesion', review: 'unclaimed' });
    expect(total).toBe(3);
    expect(counts.concern).toEqual({ lesion: 3, rash: 0, other: 4 });
    expect(counts.review).toEqual({ unclaimed: 3, mine: 1, others: 0 });
  });
});
