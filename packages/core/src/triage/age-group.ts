/**
 * Age groups the queue filters by, computed once from the birth date at submission and stored on the case,
 * so the queue never reads birth dates. Under 18 is paediatric dermatology's remit; 65 and over is where
 * keratinocyte cancer incidence climbs.
 */
export const AGE_GROUPS = ['under_18', '18_39', '40_64', '65_plus'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** Age in whole years on `at` (UTC) for a YYYY-MM-DD birth date. */
export function ageInYears(birthDate: string, at: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number);
  const hadBirthday = at.getUTCMonth() + 1 > month! || (at.getUTCMonth() + 1 === month && at.getUTCDate() >= day!);
  return at.getUTCFullYear() - year! - (hadBirthday ? 0 : 1);
}

export function ageGroupAt(birthDate: string, at: Date): AgeGroup {
  const age = ageInYears(birthDate, at);
  if (age < 18) return 'under_18';
  if (age < 40) return '18_39';
  if (age < 65) return '40_64';
  return '65_plus';
}
