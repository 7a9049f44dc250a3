import type { PushSubscriptionBody } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';

/** A user keeps at most this many browsers subscribed; the oldest goes when one more is added. */
export const MAX_SUBSCRIPTIONS_PER_USER = 10;

export interface SubscriptionRow {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * Saves a browser's subscription for the user. An endpoint belongs to one browser profile: when another user
 * signs in there and turns notifications on, the subscription moves to them (messages carry no PHI, and the
 * earlier user no longer uses that browser).
 */
export async function saveSubscription(tx: Sql, userId: string, sub: PushSubscriptionBody, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (endpoint) DO UPDATE SET user_id = $1, p256dh = $3, auth = $4, created_at = $5, last_sent_at = NULL`,
    [userId, sub.endpoint, sub.keys.p256dh, sub.keys.auth, now],
  );
  await tx.query(
    `DELETE FROM push_subscriptions WHERE user_id = $1 AND id NOT IN (
       SELECT id FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2)`,
    [userId, MAX_SUBSCRIPTIONS_PER_USER],
  );
}

export async function deleteSubscription(db: Sql, userId: string, endpoint: string): Promise<boolean> {
  const { rows } = await db.query(`DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2 RETURNING id`, [
    userId,
    endpoint,
  ]);
  return rows.length > 0;
}

export async function hasSubscription(db: Sql, userId: string, endpoint: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2`, [
    userId,
    endpoint,
  ]);
  return rows.length > 0;
}

/** The subscriptions of an enabled user (a disabled account gets nothing). */
export async function subscriptionsOf(db: Sql, userId: string): Promise<{ id: string }[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT s.id FROM push_subscriptions s JOIN users u ON u.id = s.user_id
     WHERE s.user_id = $1 AND u.disabled_at IS NULL ORDER BY s.created_at`,
    [userId],
  );
  return rows;
}

/** A subscription still held by `userId` (it may have moved to another user, or gone, since the job was made). */
export async function findDelivery(
  db: Sql,
  subscriptionId: string,
  userId: string,
): Promise<(SubscriptionRow & { locale: string }) | null> {
  const { rows } = await db.query<SubscriptionRow & { locale: string }>(
    `SELECT s.id, s.user_id, s.endpoint, s.p256dh, s.auth, u.locale FROM push_subscriptions s
     JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.user_id = $2 AND u.disabled_at IS NULL`,
    [subscriptionId, userId],
  );
  return rows[0] ?? null;
}

export async function markSent(db: Sql, subscriptionId: string, now: Date): Promise<void> {
  await db.query(`UPDATE push_subscriptions SET last_sent_at = $2 WHERE id = $1`, [subscriptionId, now]);
}

export async function forgetSubscription(db: Sql, subscriptionId: string): Promise<void> {
  await db.query(`DELETE FROM push_subscriptions WHERE id = $1`, [subscriptionId]);
}
