import { checkPassword, type PasswordProblem } from '@dermis/core';

export interface SignUpForm {
  givenName: string;
  familyName: string;
  birthDate: string;
  email: string;
  password: string;
}

export type SignUpField = keyof SignUpForm;
export type FieldProblem = 'required' | 'emailInvalid' | 'birthDateInvalid' | 'birthDateFuture' | PasswordProblem;
export type SignUpProblems = Partial<Record<SignUpField, FieldProblem>>;

/** Fields in the order they appear, so focus can go to the first one with a problem. */
export const SIGN_UP_FIELDS: readonly SignUpField[] = ['givenName', 'familyName', 'birthDate', 'email', 'password'];

export function isEmailShaped(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());
}

/** A real calendar date in YYYY-MM-DD, from 1900 up to today (given as YYYY-MM-DD, the person's local date). */
export function checkBirthDate(value: string, today: string): FieldProblem | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return 'birthDateInvalid';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const isRealDate = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!isRealDate || year < 1900) return 'birthDateInvalid';
  if (value > today) return 'birthDateFuture';
  return null;
}

export function validateSignUp(form: SignUpForm, today: string): SignUpProblems {
  const problems: SignUpProblems = {};
  if (!form.givenName.trim()) problems.givenName = 'required';
  if (!form.familyName.trim()) problems.familyName = 'required';
  if (!form.birthDate) problems.birthDate = 'required';
  else {
    const birthProblem = checkBirthDate(form.birthDate, today);
    if (birthProblem) problems.birthDate = birthProblem;
  }
  if (!form.email.trim()) problems.email = 'required';
  else if (!isEmailShaped(form.email)) problems.email = 'emailInvalid';
  if (!form.password) problems.password = 'required';
  else {
    const passwordProblem = checkPassword(form.password, form.email.trim());
    if (passwordProblem) problems.password = passwordProblem;
  }
  return problems;
}

/** Server codes that belong to one field, so the message appears beside it. */
export function fieldForCode(code: string): SignUpField | null {
  switch (code) {
    case 'EMAIL_TAKEN':
      return 'email';
    case 'PASSWORD_TOO_SHORT':
    case 'PASSWORD_TOO_LONG':
    case 'PASSWORD_CONTAINS_EMAIL':
      return 'password';
    case 'BIRTH_DATE_INVALID':
      return 'birthDate';
    default:
      return null;
  }
}

/** Today's date where the person is, as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
