import { describe, expect, it } from 'vitest';
import { ENROL_PATH, pathForSession, safeReturnPath, VERIFY_PATH } from './session-routing.ts';

describe('pathForSession', () => {
  it.each([
    ['a second factor is owed first', 'mfa_required', '/admin/jobs', VERIFY_PATH],
    ['staff without a second factor enrol first', 'mfa_enrollment_required', '/admin/jobs', ENROL_PATH],
    ['signed in goes back where they were', 'authenticated', '/account', '/account'],
    ['signed in with nowhere to return goes home', 'authenticated', undefined, '/'],
  ] as const)('%s', (_name, state, from, expected) => {
    expect(pathForSession({ state }, from)).toBe(expected);
  });
});

describe('safeReturnPath', () => {
  it.each([
    ['an app path with a query', '/account?tab=security', '/account?tab=security'],
    ['another origin', '//evil.example/phish', null],
    ['a backslash trick', '/\\evil.example', null],
    ['an absolute URL', 'https://evil.example/', null],
    ['back into sign-in', '/sign-in', null],
    ['the second-factor step', '/sign-in/verify', null],
    ['a page that only starts like sign-in', '/sign-ins', '/sign-ins'],
    ['not a string', 42, null],
  ])('%s', (_name, value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });
});
