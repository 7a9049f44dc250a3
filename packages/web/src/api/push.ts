import type { PushPublicKey, PushStatus, PushSubscriptionBody } from '@dermis/core';
import { api } from './client.ts';

export const getPushPublicKey = () => api.request<PushPublicKey>('GET', '/api/push/public-key');

export const putPushSubscription = (subscription: PushSubscriptionBody) =>
  api.request<void>('PUT', '/api/push/subscription', { body: subscription });

export const getPushStatus = (endpoint: string) =>
  api.request<PushStatus>('POST', '/api/push/subscription/status', { body: { endpoint } });

export const deletePushSubscription = (endpoint: string) =>
  api.request<void>('DELETE', '/api/push/subscription', { body: { endpoint } });
