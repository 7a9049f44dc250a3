import fs from 'node:fs';
import https from 'node:https';
import webpush, { WebPushError } from 'web-push';
import type { Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { derivedEventId, enqueue, type JobHandler } from '../../platform/outbox.ts';
import { isPushMessageKind, type PushMessageKind, pushPayload } from './push-messages.ts';
import { findDelivery, forgetSubscription, markSent, subscriptionsOf } from './store.ts';
import { vapidKeys } from './vapid.ts';

export const PUSH_NOTIFY_TOPIC = 'push.notify';
export const PUSH_DELIVER_TOPIC = 'push.deliver';

/** A message lives this long at the push service while the device is offline (it is only a nudge to look). */
const TTL_SECONDS = 24 * 60 * 60;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Asks for a push message to every browser the user turned notifications on in, in the caller's transaction
 * (so it is sent only if the change that causes it commits). Users without a subscription get nothing.
 */
export async function enqueuePush(
  tx: Sql,
  now: Date,
  userId: string,
  kind: PushMessageKind,
  /** A fixed event id when the caller may run twice (a redelivered job): the push is then asked for once. */
  eventId?: string,
): Promise<void> {
  await enqueue(tx, now, { ...(eventId ? { id: eventId } : {}), topic: PUSH_NOTIFY_TOPIC, payload: { userId, kind } });
}

/**
 * Fans one notification out into one job per subscription, each with an event id made from this one: a
 * redelivered fan-out adds no second job, and a device whose push service fails is retried on its own without
 * repeating the message to the others.
 */
const notify: JobHandler = async (payload, { eventId, p }) => {
  const userId = String(payload.userId);
  if (!isPushMessageKind(payload.kind)) return 'skipped';
  const subscriptions = await subscriptionsOf(p.db, userId);
  if (subscriptions.length === 0) return 'skipped';
  const now = p.clock.now();
  await p.db.transaction(async (tx) => {
    for (const s of subscriptions) {
      await enqueue(tx, now, {
        id: derivedEventId(`${PUSH_DELIVER_TOPIC}:${eventId}:${s.id}`),
        topic: PUSH_DELIVER_TOPIC,
        payload: { subscriptionId: s.id, userId, kind: payload.kind as string },
      });
    }
  });
  return 'done';
};

let agent: { caFile: string; agent: https.Agent } | null = null;
function agentFor(caFile: string | null): https.Agent | undefined {
  if (!caFile) return undefined;
  if (agent?.caFile !== caFile) agent = { caFile, agent: new https.Agent({ ca: fs.readFileSync(caFile) }) };
  return agent.agent;
}

const deliver: JobHandler = async (payload, { p }) => {
  const subscriptionId = String(payload.subscriptionId);
  if (!isPushMessageKind(payload.kind)) return 'skipped';
  const target = await findDelivery(p.db, subscriptionId, String(payload.userId));
  if (!target) return 'skipped';
  const keys = vapidKeys(p);
  const requestAgent = agentFor(p.config.push.caFile);
  try {
    await webpush.sendNotification(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      pushPayload(payload.kind, target.locale),
      {
        vapidDetails: { subject: p.config.push.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
        TTL: TTL_SECONDS,
        contentEncoding: 'aes128gcm',
        timeout: REQUEST_TIMEOUT_MS,
        ...(requestAgent ? { agent: requestAgent } : {}),
      },
    );
  } catch (error) {
    // 404/410: the browser unsubscribed or the subscription expired; it will never work again (RFC 8030 §7.3).
    if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
      await forgetSubscription(p.db, subscriptionId);
      return 'skipped';
    }
    throw error;
  }
  await markSent(p.db, subscriptionId, p.clock.now());
  return 'done';
};

export const pushJobHandlers: Record<string, JobHandler> = {
  [PUSH_NOTIFY_TOPIC]: notify,
  [PUSH_DELIVER_TOPIC]: deliver,
};

export function pushPublicKey(p: Platform): string {
  return vapidKeys(p).publicKey;
}
