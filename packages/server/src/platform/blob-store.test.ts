import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBlobKey, BlobKeyError, LocalBlobStore, newBlobKey } from './blob-store.ts';
import { KeyRing } from './crypto.ts';

const store = new LocalBlobStore({
  dir: '/srv/dermis/blobs',
  keyRing: new KeyRing({ id: 'k1', key: randomBytes(32) }),
});

describe('blob keys', () => {
  it.each([
    ['a parent-folder escape', '../../etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['a user file name with a dot', 'IMG_0001.jpg'],
    ['a nested path', 'a/b'],
    ['a Windows separator', 'a\\b'],
    ['CRLF', 'a\r\nb'],
    ['a NUL byte', 'a\0b'],
    ['the empty string', ''],
    ['a key longer than 128 characters', 'a'.repeat(129)],
  ])('refuses %s', (_name, key) => {
    expect(() => assertBlobKey(key)).toThrow(BlobKeyError);
    expect(() => store.pathOf(key)).toThrow(BlobKeyError);
  });

  it('places every accepted key one shard folder below the store folder', () => {
    for (const key of [newBlobKey(), newBlobKey('master'), 'A_b-9']) {
      const file = store.pathOf(key);
      expect(path.dirname(path.dirname(file))).toBe('/srv/dermis/blobs');
      expect(path.basename(file)).toBe(key);
      expect(path.basename(path.dirname(file))).toMatch(/^[0-9a-f]{2}$/);
    }
  });

  it('makes fresh opaque keys that carry only the purpose given', () => {
    const a = newBlobKey('preview');
    const b = newBlobKey('preview');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[0-9a-f-]{36}-preview$/);
    expect(() => newBlobKey('../x')).toThrow(BlobKeyError);
  });
});
