import { describe, expect, it } from 'vitest';
import { ageGroupAt, ageInYears } from './age-group.ts';

describe('age group at submission', () => {
  it.each([
    { name: 'the day before the 18th birthday is paediatric', birth: '2007-06-11', group: 'under_18' },
    { name: 'on the 18th birthday is adult', birth: '2007-06-10', group: '18_39' },
    { name: '39 years old', birth: '1985-06-11', group: '18_39' },
    { name: '40 on the day', birth: '1985-06-10', group: '40_64' },
    { name: '64 the day before the 65th birthday', birth: '1960-06-11', group: '40_64' },
    { name: '65 on the day', birth: '1960-06-10', group: '65_plus' },
  ])('$name', ({ birth, group }) => {
    expect(ageGroupAt(birth, new Date('2025-06-10T09:30:00Z'))).toBe(group);
  });

  it('a 29 February birthday counts from 1 March in other years', () => {
    expect(ageInYears('2004-02-29', new Date('2022-02-28T12:00:00Z'))).toBe(17);
    expect(ageInYears('2004-02-29', new Date('2022-03-01T00:00:00Z'))).toBe(18);
  });
});
