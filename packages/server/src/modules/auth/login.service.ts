import { isSecondFactorRequired, type SessionInfo, type SessionState } from '@dermis/core';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { verifyPassword } from './password-hash.ts';
import { createSession, csrfTokenFor, idleSecondsFor, revokeSession, type Session } from './sessions.ts';
import { findUserByEmail, normalizeEmail, toSessionUser, type UserRow } from './store.ts';
import { clearFailures, countAttempt, uncountAttempt } from './throttle.ts';

export interface SignedIn {
  token: string;
  info: SessionInfo;
}

export function sessionInfo(p: Platform, sessionId: string, user: UserRow, state: SessionState): SessionInfo {
  return {
    state,
    csrfToken: csrfTokenFor(p, sessionId),
    idleTimeoutSeconds: idleSecondsFor(p, user, state),
    user: toSessionUser(user),
  };
}

/** After the password: staff owe a second factor (enrol on first sign-in); patients only if they set one up. */
function stateAfterPassword(user: UserRow): SessionState {
  if (user.totp_enabled_at) return 'mfa_required';
  return isSecondFactorRequired(user.role) ? 'mfa_enrollment_required' : 'authenticated';
}

export async function openSession(
  tx: Sql,
  p: Platform,
  user: UserRow,
  state: SessionState,
  previousSessionId: string | null,
): Promise<SignedIn> {
  if (previousSessionId) await revokeSession(tx, p, previousSessionId);
  const { token, id } = await createSession(tx, p, user, state);
  return { token, info: sessionInfo(p, id, user, state) };
}

/**
 * Password sign-in. Unknown and known accounts get the same answer and cost the same time; failures
 * are counted per account and per IP, and a blocked key is refused before the password is checked.
 */
export async function login(
  p: Platform,
  actor: Actor,
  input: { email: string; password: string },
  previous: Session | null,
): Promise<SignedIn> {
  const now = p.clock.now();
  const { loginThrottle } = p.config;
  const accountKey = `login:account:${normalizeEmail(input.email)}`;
  const ipKey = `login:ip:${actor.ip}`;
  const user = await findUserByEmail(p.db, input.email);
  const who = { ...actor, userId: user?.id ?? null, role: user?.role ?? null };

  // Each attempt is counted before the password is checked (see countAttempt); one refused by the
  // IP limit gives back the count it took from the account.
  const seconds = loginThrottle.windowSeconds;
  let blocked = await countAttempt(p.db, accountKey, { max: loginThrottle.maxFailuresPerAccount, seconds }, now);
  if (blocked === 0) {
    blocked = await countAttempt(p.db, ipKey, { max: loginThrottle.maxFailuresPerIp, seconds }, now);
    if (blocked > 0) await uncountAttempt(p.db, accountKey);
  }
  if (blocked > 0) {
    await appendAudit(p.db, p.clock, {
      ...who,
      action: 'auth.login',
      objectType: 'user',
      objectId: user?.id,
      outcome: 'denied',
    });
    throw new AppError('LOGIN_THROTTLED', { retryAfterSeconds: blocked });
  }

  const isValid = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !isValid || user.disabled_at) {
    await appendAudit(p.db, p.clock, {
      ...who,
      action: 'auth.login',
      objectType: 'user',
      objectId: user?.id,
      outcome: 'failure',
    });
    throw new AppError('INVALID_CREDENTIALS');
  }

  return p.db.transaction(async (tx) => {
    await clearFailures(tx, accountKey);
    await uncountAttempt(tx, ipKey);
    const signedIn = await openSession(tx, p, user, stateAfterPassword(user), previous?.id ?? null);
    await appendAudit(tx, p.clock, {
      ...who,
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      outcome: 'success',
    });
    return signedIn;
  });
}

export async function logout(p: Platform, actor: Actor, session: Session): Promise<void> {
  await p.db.transaction(async (tx) => {
    await revokeSession(tx, p, session.id);
    await appendAudit(tx, p.clock, {
      ...actor,
      action: 'auth.logout',
      objectType: 'user',
      objectId: session.user.id,
      outcome: 'success',
    });
  });
}
