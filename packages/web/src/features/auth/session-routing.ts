import type { SessionInfo } from '@dermis/core';

export const SIGN_IN_PATH = '/sign-in';
export const VERIFY_PATH = '/sign-in/verify';
export const ENROL_PATH = '/sign-in/enrol';

const PUBLIC_PREFIXES = ['/sign-in', '/sign-up', '/forgot-password', '/reset-password'];

/**
 * A return path taken from router state is only followed if it is a path inside this app:
 * never another origin ("//evil.example"), never back into the sign-in pages.
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/')) return null;
  if (value.startsWith('//') || value.startsWith('/\\')) return null;
  const path = value.split(/[?#]/, 1)[0] ?? '';
  if (PUBLIC_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return null;
  return value;
}

/** Where a signed-in person belongs: the second-factor steps first, then where they were heading. */
export function pathForSession(session: Pick<SessionInfo, 'state'>, returnTo?: unknown): string {
  switch (session.state) {
    case 'mfa_required':
      return VERIFY_PATH;
    case 'mfa_enrollment_required':
      return ENROL_PATH;
    case 'authenticated':
      return safeReturnPath(returnTo) ?? '/';
  }
}
