import { createHash } from 'node:crypto';
import type { Database, Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Idempotency-Key handling for requests that must happen once (submission). A key belongs to one user.
 *
 * 1. `claimIdempotencyKey` records the key as in progress and commits at once, so a concurrent duplicate
 *    sees it and is told 409 IDEMPOTENCY_IN_PROGRESS rather than running a second time.
 * 2. The use case runs in its own transaction and calls `completeIdempotencyKey` inside it: the stored
 *    answer commits together with the change it describes, or not at all.
 * 3. If the use case fails, `releaseIdempotencyKey` forgets the key: nothing happened, so the same key may
 *    be retried once the problem is fixed (e.g. after accepting the consent).
 * A claim left in progress by a crashed process is taken over after STALE_CLAIM_SECONDS.
 */
export const STALE_CLAIM_SECONDS = 60;
const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

export type Claim = { kind: 'claimed' } | { kind: 'replay'; status: number; body: string };

export function parseIdempotencyKey(header: string | string[] | undefined): string {
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  return header;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What makes two requests "the same": method, path (with the case id) and body, key order ignored. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson([method, path, body]))
    .digest('hex');
}

export async function claimIdempotencyKey(
  db: Database,
  claim: { userId: string; key: string; requestHash: string; now: Date },
): Promise<Claim> {
  const inserted = await db.query(
    `INSERT INTO idempotency_keys (user_id, key, request_hash, status, created_at) VALUES ($1, $2, $3, 'in_progress', $4)
     ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [claim.userId, claim.key, claim.requestHash, claim.now],
  );
  if (inserted.rows.length === 1) return { kind: 'claimed' };
  const { rows } = await db.query<{
    request_hash: string;
    status: 'in_progress' | 'completed';
    response_status: number | null;
    response_body: string | null;
    created_at: Date;
  }>(
    'SELECT request_hash, status, response_status, response_body, created_at FROM idempotency_keys WHERE user_id = $1 AND key = $2',
    [claim.userId, claim.key],
  );
  const existing = rows[0];
  // Released between our insert and this read: claim again.
  if (!existing) return claimIdempotencyKey(db, claim);
  if (existing.request_hash !== claim.requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  if (existing.status === 'completed') {
    return { kind: 'replay', status: existing.response_status!, body: existing.response_body ?? '' };
  }
  const staleBefore = new Date(claim.now.getTime() - STALE_CLAIM_SECONDS * 1000);
  if (existing.created_at < staleBefore) {
    const taken = await db.query(
      `UPDATE idempotency_keys SET created_at = $3 WHERE user_id = $1 AND key = $2 AND status = 'in_progress'
       AND created_at = $4 RETURNING key`,
      [claim.userId, claim.key, claim.now, existing.created_at],
    );
    if (taken.rows.length === 1) return { kind: 'claimed' };
  }
  throw new AppError('IDEMPOTENCY_IN_PROGRESS');
}

export async function completeIdempotencyKey(
  tx: Sql,
  done: { userId: string; key: string; status: number; body: string; now: Date },
): Promise<void> {
  await tx.query(
    `UPDATE idempotency_keys SET status = 'completed', response_status = $3, response_body = $4, completed_at = $5
     WHERE user_id = $1 AND key = $2 AND status = 'in_progress'`,
    [done.userId, done.key, done.status, done.body, done.now],
  );
}

export async function releaseIdempotencyKey(db: Sql, userId: string, key: string): Promise<void> {
  await db.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status = 'in_progress'`, [
    userId,
    key,
  ]);
}
