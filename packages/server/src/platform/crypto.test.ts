import { createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, KeyRing, open, openText, rewrap, seal, sealText } from './crypto.ts';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const ringK1 = new KeyRing(k1);
const CONTEXT = 'image:3f0c1b1e-5a43-4d1b-9a52-1c5c2f7d9a10';
const PHOTO = Buffer.from('a close-up of a pigmented lesion on the left forearm');

/** The documented layout: "DRM1" | idLen | keyId | wrapIv 12 | wrappedKey 32 | wrapTag 16 | dataIv 12 | dataTag 16 | ct. */
function layout(sealed: Buffer) {
  const idLen = sealed[4]!;
  let at = 5;
  const take = (n: number) => {
    const part = sealed.subarray(at, at + n);
    at += n;
    return part;
  };
  const keyId = take(idLen).toString();
  const wrapIv = take(12);
  const wrappedKey = take(32);
  const wrapTag = take(16);
  const dataPart = sealed.subarray(at);
  return { keyId, wrapIv, wrappedKey, wrapTag, dataPart, dataIv: dataPart.subarray(0, 12) };
}

/** Unwraps the per-object data key with the master key, as an independent check of the envelope. */
function unwrapDataKey(master: Buffer, sealed: Buffer): Buffer {
  const l = layout(sealed);
  const decipher = createDecipheriv('aes-256-gcm', master, l.wrapIv);
  decipher.setAAD(Buffer.concat([Buffer.from('DRM1'), Buffer.from(l.keyId)]));
  decipher.setAuthTag(l.wrapTag);
  return Buffer.concat([decipher.update(l.wrappedKey), decipher.final()]);
}

function expectDecryptionError(fn: () => unknown) {
  expect(fn).toThrow(DecryptionError);
}

describe('seal and open', () => {
  it.each([
    ['a photo', PHOTO],
    ['an empty value', Buffer.alloc(0)],
    ['a 1 MiB image', randomBytes(1024 * 1024)],
  ])('round-trips %s', (_name, plaintext) => {
    const sealed = seal(ringK1, plaintext, CONTEXT);
    expect(open(ringK1, sealed, CONTEXT).equals(plaintext)).toBe(true);
  });

  it('does not contain the plaintext', () => {
    const sealed = seal(ringK1, PHOTO, CONTEXT);
    expect(sealed.includes(PHOTO.subarray(0, 16))).toBe(false);
  });

  it('round-trips text, accents included', () => {
    const sealed = sealText(ringK1, 'JBSWY3DPEHPK3PXP · María', 'totp:u1');
    expect(openText(ringK1, sealed, 'totp:u1')).toBe('JBSWY3DPEHPK3PXP · María');
  });

  it('uses a fresh data key and fresh IVs for every seal of the same value', () => {
    const a = seal(ringK1, PHOTO, CONTEXT);
    const b = seal(ringK1, PHOTO, CONTEXT);
    expect(a.equals(b)).toBe(false);
    expect(layout(a).keyId).toBe('k1');
    expect(unwrapDataKey(k1.key, a)).toHaveLength(32);
    expect(unwrapDataKey(k1.key, a).equals(unwrapDataKey(k1.key, b))).toBe(false);
    expect(unwrapDataKey(k1.key, a).equals(k1.key)).toBe(false);
    expect(layout(a).wrapIv.equals(layout(b).wrapIv)).toBe(false);
    expect(layout(a).dataIv.equals(layout(b).dataIv)).toBe(false);
  });

  it('refuses a value sealed for another context (copied to another row)', () => {
    const sealed = seal(ringK1, PHOTO, 'totp:user-a');
    expectDecryptionError(() => open(ringK1, sealed, 'totp:user-b'));
    expectDecryptionError(() => open(ringK1, sealed, ''));
  });

  it('refuses the value when any single byte is flipped, wherever it is', () => {
    const sealed = seal(ringK1, Buffer.from('short secret'), CONTEXT);
    for (let i = 0; i < sealed.length; i++) {
      for (const mask of [0x01, 0x80]) {
        const tampered = Buffer.from(sealed);
        tampered[i]! ^= mask;
        expect(() => open(ringK1, tampered, CONTEXT), `byte ${i} ^ ${mask}`).toThrow(DecryptionError);
      }
    }
  });

  it('refuses every truncation, and extra bytes appended', () => {
    const sealed = seal(ringK1, Buffer.from('short secret'), CONTEXT);
    for (let length = 0; length < sealed.length; length++) {
      expect(() => open(ringK1, sealed.subarray(0, length), CONTEXT), `length ${length}`).toThrow(DecryptionError);
    }
    expectDecryptionError(() => open(ringK1, Buffer.concat([sealed, Buffer.from([0])]), CONTEXT));
  });

  it('refuses a value sealed under a key the ring does not have', () => {
    const sealed = seal(new KeyRing(k2), PHOTO, CONTEXT);
    expectDecryptionError(() => open(ringK1, sealed, CONTEXT));
  });

  it('refuses a value whose key id matches but whose key differs', () => {
    const sealed = seal(new KeyRing({ id: 'k1', key: randomBytes(32) }), PHOTO, CONTEXT);
    expectDecryptionError(() => open(ringK1, sealed, CONTEXT));
  });

  it('refuses text that is not base64 of a sealed value', () => {
    expectDecryptionError(() => openText(ringK1, 'not sealed at all', 'totp:u1'));
  });
});

describe('master key rotation', () => {
  const sealedUnderK1 = seal(ringK1, PHOTO, CONTEXT);
  const rotated = new KeyRing(k2, [k1]);

  it('opens old data with the previous key while new data is sealed under the current one', () => {
    expect(open(rotated, sealedUnderK1, CONTEXT).equals(PHOTO)).toBe(true);
    const fresh = seal(rotated, PHOTO, CONTEXT);
    expect(layout(fresh).keyId).toBe('k2');
    expectDecryptionError(() => open(ringK1, fresh, CONTEXT));
  });

  it('rewrap moves the data key to the current key without touching the object ciphertext', () => {
    const rewrapped = rewrap(rotated, sealedUnderK1);
    expect(layout(rewrapped).keyId).toBe('k2');
    expect(layout(rewrapped).dataPart.equals(layout(sealedUnderK1).dataPart)).toBe(true);
    expect(unwrapDataKey(k2.key, rewrapped).equals(unwrapDataKey(k1.key, sealedUnderK1))).toBe(true);

    const onlyK2 = new KeyRing(k2);
    expect(open(onlyK2, rewrapped, CONTEXT).equals(PHOTO)).toBe(true);
    expectDecryptionError(() => open(onlyK2, sealedUnderK1, CONTEXT));
    expectDecryptionError(() => open(ringK1, rewrapped, CONTEXT));
  });

  it('rewrap refuses a value whose wrapped key was tampered with', () => {
    const tampered = Buffer.from(sealedUnderK1);
    const at = 5 + 2 + 12; // first byte of the wrapped key
    tampered[at]! ^= 1;
    expectDecryptionError(() => rewrap(rotated, tampered));
  });

  it('rewrap cannot open a value without the old key', () => {
    expectDecryptionError(() => rewrap(new KeyRing(k2), sealedUnderK1));
  });
});

describe('KeyRing', () => {
  it.each([
    ['a 16-byte master key', { id: 'k1', key: randomBytes(16) }],
    ['an empty key id', { id: '', key: randomBytes(32) }],
    ['a key id with a colon', { id: 'k:1', key: randomBytes(32) }],
    ['a key id longer than 32 characters', { id: 'k'.repeat(33), key: randomBytes(32) }],
  ])('refuses %s', (_name, current) => {
    expect(() => new KeyRing(current)).toThrow();
  });

  it('derives a different key per purpose, never the master key itself', () => {
    const csrf = ringK1.derive('csrf');
    const reset = ringK1.derive('password-token');
    expect(csrf).toHaveLength(32);
    expect(csrf.equals(reset)).toBe(false);
    expect(csrf.equals(k1.key)).toBe(false);
    expect(new KeyRing(k1).derive('csrf').equals(csrf)).toBe(true);
  });
});
