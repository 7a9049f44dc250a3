import type { Sql } from '../../platform/db.ts';

/**
 * Fixed-window failure counters in the database (shared by every API node): sign-in per account and
 * per IP, sign-up and reset requests per IP. A window ends on its own; nothing locks forever.
 */
export interface Window {
  max: number;
  seconds: number;
}

/** Seconds until `key` may try again, or 0 when it is under its limit. */
export async function secondsBlocked(db: Sql, key: string, window: Window, now: Date): Promise<number> {
  const { rows } = await db.query<{ failures: number; window_started_at: Date }>(
    'SELECT failures, window_started_at FROM login_throttle WHERE key = $1',
    [key],
  );
  const row = rows[0];
  if (!row) return 0;
  const endsAt = row.window_started_at.getTime() + window.seconds * 1000;
  if (endsAt <= now.getTime() || row.failures < window.max) return 0;
  return Math.ceil((endsAt - now.getTime()) / 1000);
}

export async function countFailure(
  db: Sql,
  key: string,
  window: Window,
  now: Date,
): Promise<{ failures: number; windowStartedAt: Date }> {
  const windowStart = new Date(now.getTime() - window.seconds * 1000);
  const { rows } = await db.query<{ failures: number; window_started_at: Date }>(
    `INSERT INTO login_throttle (key, failures, window_started_at) VALUES ($1, 1, $2)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN login_throttle.window_started_at <= $3 THEN 1 ELSE login_throttle.failures + 1 END,
       window_started_at = CASE WHEN login_throttle.window_started_at <= $3 THEN $2 ELSE login_throttle.window_started_at END
     RETURNING failures, window_started_at`,
    [key, now, windowStart],
  );
  return { failures: rows[0]!.failures, windowStartedAt: rows[0]!.window_started_at };
}

/**
 * Counts an attempt before it is checked and says how long `key` must wait (0: this attempt may go
 * ahead). Counting and checking in one statement means attempts sent in parallel cannot all pass
 * the check before any of them is counted. An attempt that turns out right gives its count back.
 */
export async function countAttempt(db: Sql, key: string, window: Window, now: Date): Promise<number> {
  const { failures, windowStartedAt } = await countFailure(db, key, window, now);
  if (failures <= window.max) return 0;
  return Math.max(1, Math.ceil((windowStartedAt.getTime() + window.seconds * 1000 - now.getTime()) / 1000));
}

export async function uncountAttempt(db: Sql, key: string): Promise<void> {
  await db.query('UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0', [key]);
}

export async function clearFailures(db: Sql, key: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}
