import { type Static, Type } from '@sinclair/typebox';

const strict = { additionalProperties: false } as const;
// base64url without padding, as PushSubscription.toJSON() gives the keys
const Base64Url = (min: number, max: number) =>
  Type.String({ pattern: '^[A-Za-z0-9_-]+$', minLength: min, maxLength: max });

/** The application server (VAPID) public key a browser subscribes with. */
export const PushPublicKey = Type.Object({ publicKey: Base64Url(80, 100) }, strict);
export type PushPublicKey = Static<typeof PushPublicKey>;

/**
 * A browser's push subscription, as `PushSubscription.toJSON()` gives it. The endpoint is a push service URL the
 * server will POST to, so it is checked against the allowed push service hosts (never any URL a client names).
 */
export const PushSubscriptionBody = Type.Object(
  {
    endpoint: Type.String({ minLength: 12, maxLength: 1024, pattern: '^https://' }),
    expirationTime: Type.Optional(Type.Union([Type.Null(), Type.Number()])),
    keys: Type.Object(
      {
        // an uncompressed P-256 point (65 bytes) and a 16-byte auth secret
        p256dh: Base64Url(86, 88),
        auth: Base64Url(21, 24),
      },
      strict,
    ),
  },
  strict,
);
export type PushSubscriptionBody = Static<typeof PushSubscriptionBody>;

export const PushUnsubscribeBody = Type.Object({ endpoint: Type.String({ minLength: 12, maxLength: 1024 }) }, strict);
export type PushUnsubscribeBody = Static<typeof PushUnsubscribeBody>;

/** Whether this endpoint (this browser) is subscribed for the signed-in user. */
export const PushStatus = Type.Object({ subscribed: Type.Boolean() }, strict);
export type PushStatus = Static<typeof PushStatus>;
