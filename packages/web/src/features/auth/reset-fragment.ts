export interface ResetLink {
  token: string;
  /** A staff invitation ("Set your password") rather than a reset. */
  isInvite: boolean;
}

/**
 * Reads `#token=…&invite=1` from a password link. The token travels in the fragment so it never
 * reaches a server log or a Referer header.
 */
export function readResetFragment(hash: string): ResetLink | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token')?.trim();
  if (!token) return null;
  return { token, isInvite: params.get('invite') === '1' };
}
