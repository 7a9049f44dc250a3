import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Envelope encryption (DESIGN.md "Blobs"): each object gets its own random data key; the object is
 * encrypted with AES-256-GCM under that key, and the data key is wrapped by the master key named by
 * `keyId`. Rotating the master key means adding a new current key and re-wrapping data keys; the
 * object bytes never need re-encrypting.
 *
 * Sealed layout (binary): "DRM1" | keyId length (1) | keyId | wrapIv (12) | wrappedKey (32) | wrapTag (16)
 *                          | dataIv (12) | dataTag (16) | ciphertext
 */
const MAGIC = Buffer.from('DRM1');
const IV = 12;
const TAG = 16;
const KEY = 32;

export class KeyRing {
  readonly currentId: string;
  readonly #keys: Map<string, Buffer>;

  constructor(current: { id: string; key: Buffer }, previous: { id: string; key: Buffer }[] = []) {
    if (current.key.length !== KEY) throw new Error('master key must be 32 bytes');
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(current.id)) throw new Error('key id must be 1-32 letters, digits, _ or -');
    this.currentId = current.id;
    this.#keys = new Map([...previous.map((k) => [k.id, k.key] as const), [current.id, current.key]]);
  }

  key(id: string): Buffer {
    const key = this.#keys.get(id);
    if (!key) throw new DecryptionError(`unknown master key id`);
    return key;
  }

  /** A key for one purpose (HMAC of CSRF or reset tokens), derived so the master key itself is used only to wrap. */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key(this.currentId), Buffer.alloc(0), `dermis:${purpose}`, KEY));
  }
}

export class DecryptionError extends Error {}

function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: Buffer) {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

function gcmDecrypt(key: Buffer, iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new DecryptionError('sealed data failed authentication');
  }
}

/** The header that wraps `dataKey` under the ring's current master key. */
function wrapDataKey(ring: KeyRing, dataKey: Buffer): Buffer {
  const keyId = Buffer.from(ring.currentId);
  const wrap = gcmEncrypt(ring.key(ring.currentId), dataKey, Buffer.concat([MAGIC, keyId]));
  return Buffer.concat([MAGIC, Buffer.from([keyId.length]), keyId, wrap.iv, wrap.ciphertext, wrap.tag]);
}

/**
 * Encrypts `plaintext`. `context` is bound as associated data (e.g. "totp:<userId>"), so a sealed
 * value copied to another row does not open there.
 */
export function seal(ring: KeyRing, plaintext: Buffer, context: string): Buffer {
  const dataKey = randomBytes(KEY);
  const data = gcmEncrypt(dataKey, plaintext, Buffer.from(context));
  return Buffer.concat([wrapDataKey(ring, dataKey), data.iv, data.tag, data.ciphertext]);
}

function parse(sealed: Buffer) {
  if (sealed.length < 5 || !sealed.subarray(0, 4).equals(MAGIC)) throw new DecryptionError('not a sealed value');
  const idLen = sealed[4]!;
  let at = 5;
  const take = (n: number) => {
    if (at + n > sealed.length) throw new DecryptionError('sealed value is truncated');
    const part = sealed.subarray(at, at + n);
    at += n;
    return part;
  };
  const keyId = take(idLen);
  const wrapIv = take(IV);
  const wrappedKey = take(KEY);
  const wrapTag = take(TAG);
  const dataIv = take(IV);
  const dataTag = take(TAG);
  return { keyId, wrapIv, wrappedKey, wrapTag, dataIv, dataTag, ciphertext: sealed.subarray(at) };
}

function unwrapDataKey(ring: KeyRing, p: ReturnType<typeof parse>): Buffer {
  const aad = Buffer.concat([MAGIC, p.keyId]);
  return gcmDecrypt(ring.key(p.keyId.toString()), p.wrapIv, p.wrapTag, p.wrappedKey, aad);
}

export function open(ring: KeyRing, sealed: Buffer, context: string): Buffer {
  const p = parse(sealed);
  return gcmDecrypt(unwrapDataKey(ring, p), p.dataIv, p.dataTag, p.ciphertext, Buffer.from(context));
}

/** Re-wraps the data key under the current master key; the ciphertext of the object is untouched. */
export function rewrap(ring: KeyRing, sealed: Buffer): Buffer {
  const p = parse(sealed);
  return Buffer.concat([wrapDataKey(ring, unwrapDataKey(ring, p)), p.dataIv, p.dataTag, p.ciphertext]);
}

export function sealText(ring: KeyRing, text: string, context: string): string {
  return seal(ring, Buffer.from(text, 'utf8'), context).toString('base64');
}

export function openText(ring: KeyRing, sealed: string, context: string): string {
  return open(ring, Buffer.from(sealed, 'base64'), context).toString('utf8');
}

export function hmac(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The master key: DERMIS_MASTER_KEY, or in embedded mode a key generated once into the data folder
 * (mode 0600). `onGenerated` lets the caller warn that a key on the same disk as the data is for laptops only.
 */
export function loadKeyRing(
  config: {
    masterKey: string | null;
    masterKeyId: string;
    previousMasterKeys: string | null;
    dataDir: string;
    databaseUrl: string | null;
  },
  warn: (message: string) => void,
): KeyRing {
  const previous = (config.previousMasterKeys ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const [id, b64] = entry.split(':');
      return { id: id ?? '', key: Buffer.from(b64 ?? '', 'base64') };
    });
  if (config.masterKey) {
    return new KeyRing({ id: config.masterKeyId, key: Buffer.from(config.masterKey, 'base64') }, previous);
  }
  if (config.databaseUrl) {
    throw new Error('DERMIS_MASTER_KEY is required with DATABASE_URL (openssl rand -base64 32)');
  }
  const file = path.join(config.dataDir, 'master.key');
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  let created = false;
  try {
    fs.writeFileSync(file, randomBytes(KEY).toString('base64'), { flag: 'wx', mode: 0o600 });
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  warn(
    created
      ? `Generated a master key in ${file}. Fine for a laptop; in production set DERMIS_MASTER_KEY from a secret store.`
      : `Using the master key in ${file}. In production set DERMIS_MASTER_KEY from a secret store.`,
  );
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  return new KeyRing({ id: 'local', key }, previous);
}
