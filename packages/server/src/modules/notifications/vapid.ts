import { createECDH } from 'node:crypto';
import type { Platform } from '../../platform/context.ts';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * The VAPID key pair push services use to recognise this server. Operators may fix one (VAPID_PUBLIC_KEY and
 * VAPID_PRIVATE_KEY); otherwise it is derived from the master key, so every API node and worker agrees on it
 * without a file to share. Rotating the master key then changes the pair and browsers subscribe again the next
 * time their user opens Dermis (see README); set the variables to avoid that.
 */
export function vapidKeys(p: Platform): VapidKeys {
  if (p.config.push.vapid) return p.config.push.vapid;
  // A P-256 private key is a scalar below the group order; a derived 32-byte value is one with probability
  // 1 − 2⁻³², and the loop takes the next derivation in the rare case it is not.
  for (let attempt = 0; ; attempt++) {
    const scalar = p.keys.derive(`vapid-p256:${attempt}`);
    const ecdh = createECDH('prime256v1');
    try {
      ecdh.setPrivateKey(scalar);
    } catch {
      continue;
    }
    return { publicKey: ecdh.getPublicKey('base64url'), privateKey: scalar.toString('base64url') };
  }
}
