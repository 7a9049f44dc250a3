import { PushPublicKey, PushStatus, PushSubscriptionBody, PushUnsubscribeBody } from '@dermis/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { anySignedIn } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http-hooks.ts';
import { pushPublicKey } from './push.service.ts';
import { isAllowedPushEndpoint } from './push-endpoint.ts';
import { deleteSubscription, hasSubscription, saveSubscription } from './store.ts';

const tags = ['notifications'];

function userIdOf(request: FastifyRequest): string {
  const user = request.session?.user;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user.id;
}

/** Web push for any signed-in user: patients and GPs hear about their cases, clinicians about their queues. */
export function registerNotificationRoutes(app: FastifyInstance, p: Platform): void {
  app.get(
    '/api/push/public-key',
    { config: { access: anySignedIn }, schema: { tags, response: { 200: PushPublicKey } } },
    async () => ({ publicKey: pushPublicKey(p) }),
  );

  app.put(
    '/api/push/subscription',
    { config: { access: anySignedIn }, schema: { tags, body: PushSubscriptionBody } },
    async (request, reply) => {
      const userId = userIdOf(request);
      const body = request.body as PushSubscriptionBody;
      if (!isAllowedPushEndpoint(body.endpoint, p.config.push.allowedHosts)) {
        throw new AppError('PUSH_ENDPOINT_NOT_ALLOWED');
      }
      const p256dh = Buffer.from(body.keys.p256dh, 'base64url');
      if (p256dh.length !== 65 || p256dh[0] !== 0x04 || Buffer.from(body.keys.auth, 'base64url').length !== 16) {
        throw new AppError('VALIDATION_FAILED', {
          errors: [{ path: '/keys', message: 'keys must be a P-256 public key and a 16-byte auth secret' }],
        });
      }
      await p.db.transaction(async (tx) => {
        await saveSubscription(tx, userId, body, p.clock.now());
        await appendAudit(tx, p.clock, {
          ...actorOf(request),
          action: 'push.subscribe',
          objectType: 'push_subscription',
          objectId: null,
          patientId: null,
          outcome: 'success',
        });
      });
      return reply.code(204).send();
    },
  );

  // POST with the endpoint in the body: an endpoint is a capability URL and does not belong in a request line.
  app.post(
    '/api/push/subscription/status',
    { config: { access: anySignedIn }, schema: { tags, body: PushUnsubscribeBody, response: { 200: PushStatus } } },
    async (request) => ({
      subscribed: await hasSubscription(p.db, userIdOf(request), (request.body as PushUnsubscribeBody).endpoint),
    }),
  );

  app.delete(
    '/api/push/subscription',
    { config: { access: anySignedIn }, schema: { tags, body: PushUnsubscribeBody } },
    async (request, reply) => {
      const userId = userIdOf(request);
      await p.db.transaction(async (tx) => {
        if (!(await deleteSubscription(tx, userId, (request.body as PushUnsubscribeBody).endpoint))) return;
        await appendAudit(tx, p.clock, {
          ...actorOf(request),
          action: 'push.unsubscribe',
          objectType: 'push_subscription',
          objectId: null,
          patientId: null,
          outcome: 'success',
        });
      });
      return reply.code(204).send();
    },
  );
}
