import { describe, expect, it } from 'vitest';
import { queueSearch, waitingTime, withFilter } from './queue-query.ts';

describe('queue query', () => {
  it('puts only set values in the URL, in a fixed order', () => {
    expect(queueSearch({})).toBe('');
    expect(queueSearch({ priority: 'urgent', concern: 'rash', cursor: 'abc', limit: 20 })).toBe(
      '?concern=rash&priority=urgent&cursor=abc&limit=20',
    );
  });

  it('sets and clears one filter without touching the others', () => {
    const set = withFilter({ concern: 'rash' }, 'ageGroup', '65_plus');
    expect(set).toEqual({ concern: 'rash', ageGroup: '65_plus' });
    expect(withFilter(set, 'concern', '')).toEqual({ ageGroup: '65_plus' });
  });

  it.each([
    [59, { unit: 'minutes', count: 0 }],
    [59 * 60, { unit: 'minutes', count: 59 }],
    [3600, { unit: 'hours', count: 1 }],
    [47 * 3600 + 3599, { unit: 'hours', count: 47 }],
    [48 * 3600, { unit: 'days', count: 2 }],
    [10 * 86_400, { unit: 'days', count: 10 }],
  ])('waiting %i s reads as %o', (seconds, expected) => {
    expect(waitingTime(seconds)).toEqual(expected);
  });
});
