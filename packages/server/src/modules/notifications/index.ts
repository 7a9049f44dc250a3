// The notifications module's public surface: web push. Email stays with the module that owns each message.

export { enqueuePush, pushJobHandlers } from './push.service.ts';
export type { PushMessageKind } from './push-messages.ts';
export { registerNotificationRoutes } from './routes.ts';
