import type { PushSubscriptionBody } from '@dermis/core';
import { deletePushSubscription, getPushPublicKey, getPushStatus, putPushSubscription } from '../../api/push.ts';

/**
 * Web push on this device: what the browser allows, and turning it on or off. The browser holds the subscription;
 * the server holds a copy to send to. Both must agree for "on" to be true.
 */
export type DevicePushState = 'unsupported' | 'blocked' | 'off' | 'on';

const SERVICE_WORKER_URL = '/sw.js';

export function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  const existing = await navigator.serviceWorker.getRegistration('/');
  return existing ?? navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' });
}

export async function readDevicePush(): Promise<DevicePushState> {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  const existing = await navigator.serviceWorker.getRegistration('/');
  const subscription = await existing?.pushManager.getSubscription();
  if (!subscription) return 'off';
  const { subscribed } = await getPushStatus(subscription.endpoint);
  return subscribed ? 'on' : 'off';
}

function toBody(subscription: PushSubscription): PushSubscriptionBody {
  const json = subscription.toJSON();
  return {
    endpoint: subscription.endpoint,
    expirationTime: subscription.expirationTime,
    keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
  };
}

/** Asks for permission (only ever from a click), subscribes with the server's key and tells the server. */
export async function turnOnDevicePush(): Promise<DevicePushState> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return permission === 'denied' ? 'blocked' : 'off';
  const reg = await registration();
  const { publicKey } = await getPushPublicKey();
  let subscription = await reg.pushManager.getSubscription();
  // a subscription made for another server key (the key changed) cannot be sent to: replace it
  const key = subscription?.options.applicationServerKey;
  if (subscription && key && base64Url(key) !== publicKey) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey });
  await putPushSubscription(toBody(subscription));
  return 'on';
}

export async function turnOffDevicePush(): Promise<DevicePushState> {
  const existing = await navigator.serviceWorker.getRegistration('/');
  const subscription = await existing?.pushManager.getSubscription();
  if (subscription) {
    await deletePushSubscription(subscription.endpoint);
    await subscription.unsubscribe();
  }
  return 'off';
}

function base64Url(buffer: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
