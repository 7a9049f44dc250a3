import { describe, expect, it } from 'vitest';
import { checkBirthDate, fieldForCode, localToday, type SignUpForm, validateSignUp } from './sign-up-form.ts';

const valid: SignUpForm = {
  givenName: 'Ana',
  familyName: 'García',
  birthDate: '1984-02-29',
  email: 'ana.garcia@example.org',
  password: 'plum harbour lantern',
};
const today = '2025-06-15';

describe('validateSignUp', () => {
  it('accepts a complete form', () => {
    expect(validateSignUp(valid, today)).toEqual({});
  });

  it.each([
    [
      'names are required (spaces do not count)',
      { givenName: '  ', familyName: '' },
      { givenName: 'required', familyName: 'required' },
    ],
    ['email must look like an address', { email: 'ana.garcia' }, { email: 'emailInvalid' }],
    ['password shorter than 12 characters', { password: 'short pass' }, { password: 'PASSWORD_TOO_SHORT' }],
    ['password containing the email name', { password: 'ana.garcia-1984!!' }, { password: 'PASSWORD_CONTAINS_EMAIL' }],
    ['date of birth in the future', { birthDate: '2030-01-01' }, { birthDate: 'birthDateFuture' }],
    ['date of birth missing', { birthDate: '' }, { birthDate: 'required' }],
  ] as const)('%s', (_name, change, expected) => {
    expect(validateSignUp({ ...valid, ...change }, today)).toEqual(expected);
  });
});

describe('checkBirthDate', () => {
  it.each([
    ['leap day in a leap year', '2000-02-29', null],
    ['leap day in a common year', '2001-02-29', 'birthDateInvalid'],
    ['month 13', '1990-13-01', 'birthDateInvalid'],
    ['before 1900', '1899-12-31', 'birthDateInvalid'],
    ['not ISO shaped', '15/06/1990', 'birthDateInvalid'],
    ['born today', today, null],
    ['tomorrow', '2025-06-16', 'birthDateFuture'],
  ])('%s', (_name, value, expected) => {
    expect(checkBirthDate(value, today)).toBe(expected);
  });
});

describe('fieldForCode', () => {
  it('puts server answers beside the field they concern', () => {
    expect(fieldForCode('EMAIL_TAKEN')).toBe('email');
    expect(fieldForCode('PASSWORD_CONTAINS_EMAIL')).toBe('password');
    expect(fieldForCode('BIRTH_DATE_INVALID')).toBe('birthDate');
    expect(fieldForCode('RATE_LIMITED')).toBeNull();
  });
});

describe('localToday', () => {
  it('formats the local calendar date with zero padding', () => {
    expect(localToday(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });
});
