import type { MfaEnrollment } from '@dermis/core';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Platform } from '../../platform/context.ts';
import { openText, sealText } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { openSession, type SignedIn } from './login.service.ts';
import type { Session } from './sessions.ts';
import { enrolmentFor, matchTotpStep, newTotpSecret } from './totp.ts';

const totpContext = (userId: string) => `totp:${userId}`;
const pendingContext = (sessionId: string) => `totp-pending:${sessionId}`;

function canEnrol(session: Session): boolean {
  if (session.user.totp_enabled_at) return false;
  return session.state === 'mfa_enrollment_required' || session.state === 'authenticated';
}

export async function startEnrolment(p: Platform, session: Session): Promise<MfaEnrollment> {
  if (!canEnrol(session)) throw new AppError('TOTP_ALREADY_ENROLLED');
  const secret = newTotpSecret();
  await p.db.query('UPDATE sessions SET pending_totp_secret_sealed = $2 WHERE id = $1', [
    session.id,
    sealText(p.keys, secret, pendingContext(session.id)),
  ]);
  return enrolmentFor(secret, session.user.email);
}

/**
 * Checks a code against the user's counters, which live on the user (not the session), so signing in
 * again does not reset them. Each attempt is counted before the code is checked, in the same
 * statement that checks the lock, so codes sent in parallel cannot all be tried before the lock
 * falls; a right code clears the count. A used time step is remembered: a code is accepted once.
 */
async function acceptCode(p: Platform, actor: Actor, session: Session, secret: string, code: string, action: string) {
  const user = session.user;
  const now = p.clock.now();
  const who = { ...actor, userId: user.id, role: user.role, objectType: 'user', objectId: user.id, action };
  const { maxFailures, lockSeconds } = p.config.totpThrottle;
  const counted = await p.db.query(
    `UPDATE users SET
       totp_failures = CASE WHEN totp_failures + 1 >= $2 THEN 0 ELSE totp_failures + 1 END,
       totp_blocked_until = CASE WHEN totp_failures + 1 >= $2 THEN $3::timestamptz ELSE totp_blocked_until END
     WHERE id = $1 AND (totp_blocked_until IS NULL OR totp_blocked_until <= $4)`,
    [user.id, maxFailures, new Date(now.getTime() + lockSeconds * 1000), now],
  );
  if (counted.rowCount === 0) {
    const { rows } = await p.db.query<{ totp_blocked_until: Date | null }>(
      'SELECT totp_blocked_until FROM users WHERE id = $1',
      [user.id],
    );
    const blockedUntil = rows[0]?.totp_blocked_until ?? now;
    await appendAudit(p.db, p.clock, { ...who, outcome: 'denied' });
    throw new AppError('TOTP_THROTTLED', {
      retryAfterSeconds: Math.max(1, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000)),
    });
  }
  const step = matchTotpStep(secret, code, now);
  // The step is claimed atomically, so two requests racing with one code cannot both win.
  const claimed =
    step !== null &&
    (
      await p.db.query(
        `UPDATE users SET totp_last_step = $2, totp_failures = 0, totp_blocked_until = NULL
         WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
        [user.id, step],
      )
    ).rowCount === 1;
  if (!claimed) {
    await appendAudit(p.db, p.clock, { ...who, outcome: 'failure' });
    throw new AppError('TOTP_INVALID');
  }
  return who;
}

export async function confirmEnrolment(p: Platform, actor: Actor, session: Session, code: string): Promise<SignedIn> {
  if (!canEnrol(session) || !session.pendingTotpSecretSealed) throw new AppError('TOTP_NOT_ENROLLED');
  const secret = openText(p.keys, session.pendingTotpSecretSealed, pendingContext(session.id));
  const who = await acceptCode(p, actor, session, secret, code, 'auth.second_factor.enrol');
  return p.db.transaction(async (tx) => {
    const now = p.clock.now();
    await tx.query('UPDATE users SET totp_secret_sealed = $2, totp_enabled_at = $3, updated_at = $3 WHERE id = $1', [
      session.user.id,
      sealText(p.keys, secret, totpContext(session.user.id)),
      now,
    ]);
    const user = { ...session.user, totp_enabled_at: now };
    const signedIn = await openSession(tx, p, user, 'authenticated', session.id);
    await appendAudit(tx, p.clock, { ...who, outcome: 'success' });
    return signedIn;
  });
}

export async function verifySecondFactor(p: Platform, actor: Actor, session: Session, code: string): Promise<SignedIn> {
  const sealed = session.user.totp_secret_sealed;
  if (session.state !== 'mfa_required' || !sealed) throw new AppError('TOTP_NOT_ENROLLED');
  const secret = openText(p.keys, sealed, totpContext(session.user.id));
  const who = await acceptCode(p, actor, session, secret, code, 'auth.second_factor.verify');
  return p.db.transaction(async (tx) => {
    const signedIn = await openSession(tx, p, session.user, 'authenticated', session.id);
    await appendAudit(tx, p.clock, { ...who, outcome: 'success' });
    return signedIn;
  });
}
