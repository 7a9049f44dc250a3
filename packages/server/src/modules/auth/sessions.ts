import { createHash, randomBytes } from 'node:crypto';
import type { SessionState } from '@dermis/core';
import { isStaff } from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import { hmac } from '../../platform/crypto.ts';
import type { Sql } from '../../platform/db.ts';
import { findUserById, type UserRow } from './store.ts';

export const SESSION_COOKIE = '__Host-dermis_session';
// A half-open session (password given, second factor owed) lives only long enough to type a code.
const PENDING_IDLE_SECONDS = 300;

export interface Session {
  id: string;
  state: SessionState;
  user: UserRow;
  pendingTotpSecretSealed: string | null;
  idleTimeoutSeconds: number;
}

export type SessionLookup = { kind: 'none' } | { kind: 'ended' } | { kind: 'active'; session: Session };

/** The stored id is a hash of the cookie: a database reader cannot replay sessions. */
export function sessionIdFor(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function idleSecondsFor(p: Platform, user: UserRow, state: SessionState): number {
  if (state !== 'authenticated') return PENDING_IDLE_SECONDS;
  return (isStaff(user.role) ? p.config.session.idleMinutesStaff : p.config.session.idleMinutesPatient) * 60;
}

export function csrfTokenFor(p: Platform, sessionId: string): string {
  return hmac(p.keys.derive('csrf'), sessionId);
}

/** Always a fresh random id (no fixation): at sign-in and again when the second factor is confirmed. */
export async function createSession(
  tx: Sql,
  p: Platform,
  user: UserRow,
  state: SessionState,
): Promise<{ token: string; id: string }> {
  const token = randomBytes(32).toString('base64url');
  const id = sessionIdFor(token);
  const now = p.clock.now();
  const expiresAt = new Date(now.getTime() + p.config.session.absoluteHours * 3600_000);
  await tx.query(
    `INSERT INTO sessions (id, user_id, state, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)`,
    [id, user.id, state, now, expiresAt],
  );
  return { token, id };
}

export async function revokeSession(tx: Sql, p: Platform, id: string): Promise<void> {
  await tx.query('UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, p.clock.now()]);
}

export async function revokeAllSessions(tx: Sql, p: Platform, userId: string): Promise<void> {
  await tx.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [
    userId,
    p.clock.now(),
  ]);
}

// Writing last_seen_at on every request would make every read a write; a few seconds of slack is harmless.
const TOUCH_AFTER_MS = 10_000;

/**
 * Resolves the cookie to a live session, or says it ended (revoked, idle, past its absolute
 * lifetime, or its user disabled). An ended session is revoked for good on the way.
 */
export async function lookupSession(p: Platform, token: string | undefined): Promise<SessionLookup> {
  if (!token || token.length > 100) return { kind: 'none' };
  const id = sessionIdFor(token);
  const { rows } = await p.db.query<{
    user_id: string;
    state: SessionState;
    pending_totp_secret_sealed: string | null;
    last_seen_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
  }>(
    'SELECT user_id, state, pending_totp_secret_sealed, last_seen_at, expires_at, revoked_at FROM sessions WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row) return { kind: 'none' };
  if (row.revoked_at) return { kind: 'ended' };
  const user = await findUserById(p.db, row.user_id);
  const now = p.clock.now().getTime();
  if (!user) return { kind: 'none' };
  const idleSeconds = idleSecondsFor(p, user, row.state);
  const isIdle = now - row.last_seen_at.getTime() > idleSeconds * 1000;
  if (user.disabled_at || isIdle || now >= row.expires_at.getTime()) {
    await revokeSession(p.db, p, id);
    return { kind: 'ended' };
  }
  if (now - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
    await p.db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [id, new Date(now)]);
  }
  return {
    kind: 'active',
    session: {
      id,
      state: row.state,
      user,
      pendingTotpSecretSealed: row.pending_totp_secret_sealed,
      idleTimeoutSeconds: idleSeconds,
    },
  };
}
