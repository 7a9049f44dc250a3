import { PHOTO_DERIVATIVES, type PhotoDerivative } from '@dermis/core';
import type { KeyRing } from '../../platform/crypto.ts';
import { hmac, safeEqual } from '../../platform/crypto.ts';

/**
 * Signed image links (DESIGN.md "Image access"): `<photo id>.<derivative letter>.<expiry, unix seconds in base
 * 36>.<signature>` (under Fastify's 100-character limit for a path parameter),
 * the signature an HMAC over the photo id, the derivative, the user the link was issued to, and the expiry,
 * with a key derived for this purpose only. The user id is signed but not written in the link: the session
 * that fetches it supplies it, so a link used by anyone else simply does not verify.
 */
const PURPOSE = 'image-url';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LETTER: Record<PhotoDerivative, string> = { master: 'm', preview: 'p', thumbnail: 't' };
const FROM_LETTER = new Map(PHOTO_DERIVATIVES.map((d) => [LETTER[d], d]));

function signature(keys: KeyRing, photoId: string, derivative: string, userId: string, expires: number): string {
  return hmac(keys.derive(PURPOSE), `v1|${photoId}|${derivative}|${userId}|${expires}`);
}

export function signImageToken(
  keys: KeyRing,
  link: { photoId: string; derivative: PhotoDerivative; userId: string; expiresAt: Date },
): string {
  const expires = Math.floor(link.expiresAt.getTime() / 1000);
  const sig = signature(keys, link.photoId, link.derivative, link.userId, expires);
  return `${link.photoId}.${LETTER[link.derivative]}.${expires.toString(36)}.${sig}`;
}

export type ImageTokenCheck =
  | { ok: true; photoId: string; derivative: PhotoDerivative }
  | { ok: false; reason: 'invalid' | 'expired' };

/** Signature first (it binds the user), expiry second: only the user a link was issued to learns it expired. */
export function verifyImageToken(keys: KeyRing, token: string, userId: string, now: Date): ImageTokenCheck {
  const [photoId, letter, expiresText, sig, ...rest] = token.split('.');
  const derivative = FROM_LETTER.get(letter ?? '');
  if (
    rest.length > 0 ||
    !photoId ||
    !UUID.test(photoId) ||
    !derivative ||
    !sig ||
    !/^[0-9a-z]{1,10}$/.test(expiresText ?? '')
  ) {
    return { ok: false, reason: 'invalid' };
  }
  const expires = Number.parseInt(expiresText!, 36);
  if (!safeEqual(sig, signature(keys, photoId, derivative, userId, expires))) return { ok: false, reason: 'invalid' };
  if (expires * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, photoId, derivative };
}
