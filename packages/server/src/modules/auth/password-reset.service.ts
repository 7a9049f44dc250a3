import { randomUUID } from 'node:crypto';
import { checkPassword } from '@dermis/core';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Platform } from '../../platform/context.ts';
import { hmac, safeEqual } from '../../platform/crypto.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueue } from '../../platform/outbox.ts';
import { hashPassword } from './password-hash.ts';
import { revokeAllSessions } from './sessions.ts';
import { findUserByEmail, normalizeEmail } from './store.ts';
import { clearFailures, countFailure, secondsBlocked } from './throttle.ts';

export type TokenPurpose = 'reset' | 'invite';

/**
 * A reset link carries `<tokenId>.<mac>`. The database holds only the id, expiry and use; the mac is
 * recomputed from a key derived from the master key, so no usable token is stored anywhere.
 */
export function linkTokenFor(p: Platform, tokenId: string): string {
  return `${tokenId}.${hmac(p.keys.derive('password-token'), tokenId)}`;
}

export async function issuePasswordToken(tx: Sql, p: Platform, userId: string, purpose: TokenPurpose): Promise<void> {
  const now = p.clock.now();
  const lifetimeMs = purpose === 'invite' ? p.config.inviteTokenHours * 3600_000 : p.config.resetTokenMinutes * 60_000;
  const tokenId = randomUUID();
  // A new link replaces any older unused one.
  await tx.query('UPDATE password_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [userId, now]);
  await tx.query(
    'INSERT INTO password_tokens (id, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [tokenId, userId, purpose, now, new Date(now.getTime() + lifetimeMs)],
  );
  await enqueue(tx, now, {
    topic: purpose === 'invite' ? 'email.staff_invite' : 'email.password_reset',
    payload: { tokenId },
  });
}

const RESET_REQUESTS_PER_HOUR = 5;

/** Always answers the same, whether or not the account exists. */
export async function requestPasswordReset(p: Platform, actor: Actor, email: string): Promise<void> {
  const now = p.clock.now();
  const key = `reset:${normalizeEmail(email)}`;
  const window = { max: RESET_REQUESTS_PER_HOUR, seconds: 3600 };
  if ((await secondsBlocked(p.db, key, window, now)) > 0) return;
  const user = await findUserByEmail(p.db, email);
  await p.db.transaction(async (tx) => {
    await countFailure(tx, key, window, now);
    if (user && !user.disabled_at && user.role) await issuePasswordToken(tx, p, user.id, 'reset');
    await appendAudit(tx, p.clock, {
      ...actor,
      action: 'auth.password_reset.request',
      objectType: 'user',
      objectId: user?.id ?? null,
      outcome: user ? 'success' : 'failure',
    });
  });
}

export async function confirmPasswordReset(p: Platform, actor: Actor, token: string, password: string): Promise<void> {
  const [tokenId, mac] = token.split('.');
  const isWellFormed = Boolean(tokenId && mac && /^[0-9a-f-]{36}$/.test(tokenId));
  if (!isWellFormed || !safeEqual(linkTokenFor(p, tokenId!), token)) throw new AppError('RESET_TOKEN_INVALID');
  const now = p.clock.now();
  await p.db.transaction(async (tx) => {
    // Claimed atomically: a link works once, even with two tabs racing.
    const { rows } = await tx.query<{ user_id: string; email: string; role: string }>(
      `UPDATE password_tokens t SET used_at = $2 FROM users u
       WHERE t.id = $1 AND t.used_at IS NULL AND t.expires_at > $2 AND u.id = t.user_id AND u.disabled_at IS NULL
       RETURNING t.user_id, u.email, u.role`,
      [tokenId, now],
    );
    const row = rows[0];
    if (!row) throw new AppError('RESET_TOKEN_INVALID');
    const problem = checkPassword(password, row.email);
    if (problem) throw new AppError(problem);
    await tx.query('UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1', [
      row.user_id,
      await hashPassword(password),
      now,
    ]);
    await revokeAllSessions(tx, p, row.user_id);
    await clearFailures(tx, `login:account:${normalizeEmail(row.email)}`);
    await appendAudit(tx, p.clock, {
      ...actor,
      userId: row.user_id,
      role: row.role as Actor['role'],
      action: 'auth.password_reset.complete',
      objectType: 'user',
      objectId: row.user_id,
      outcome: 'success',
    });
  });
}
