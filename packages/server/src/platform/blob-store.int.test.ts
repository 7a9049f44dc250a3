import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError, BlobTooLargeError, LocalBlobStore, localBlobStore, newBlobKey } from './blob-store.ts';
import { KeyRing } from './crypto.ts';

const ring = new KeyRing({ id: 'k1', key: randomBytes(32) });
// JPEG start-of-image marker and a recognisable text: neither may appear in a stored file
const JPEG_LIKE = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('lesion on the left forearm')]);

let tmp: string;
let store: LocalBlobStore;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-blobs-'));
  store = localBlobStore(tmp, ring);
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('LocalBlobStore', () => {
  it('stores sealed bytes only, under <dataDir>/blobs, and gives the original back', async () => {
    const key = newBlobKey('master');
    await store.put(key, JPEG_LIKE);

    const file = store.pathOf(key);
    expect(file.startsWith(path.join(tmp, 'blobs') + path.sep)).toBe(true);
    const onDisk = fs.readFileSync(file);
    expect(onDisk.subarray(0, 2).equals(Buffer.from([0xff, 0xd8]))).toBe(false);
    expect(onDisk.includes(Buffer.from('lesion'))).toBe(false);
    expect(onDisk.subarray(0, 4).toString()).toBe('DRM1');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    expect((await buffer(await store.get(key))).equals(JPEG_LIKE)).toBe(true);
  });

  it('seals each object with its own data key: the same bytes twice give different files', async () => {
    await store.put('a', JPEG_LIKE);
    await store.put('b', JPEG_LIKE);
    const a = fs.readFileSync(store.pathOf('a'));
    const b = fs.readFileSync(store.pathOf('b'));
    // the wrapped data key sits after "DRM1" | idLen | "k1" | wrapIv(12)
    expect(a.subarray(19, 51).equals(b.subarray(19, 51))).toBe(false);
  });

  it('accepts a stream and keeps nothing when the stream is over the limit', async () => {
    const small = new LocalBlobStore({ dir: path.join(tmp, 'small'), keyRing: ring, maxObjectBytes: 1000 });
    await small.put('ok', Readable.from([randomBytes(600), randomBytes(400)]));
    expect(await small.read('ok')).toHaveLength(1000);
    await expect(small.put('big', Readable.from([randomBytes(600), randomBytes(401)]))).rejects.toThrow(
      BlobTooLargeError,
    );
    const keys = [];
    for await (const b of small.list()) keys.push(b.key);
    expect(keys).toEqual(['ok']);
  });

  it('does not open a sealed file copied under another key', async () => {
    await store.put('original', JPEG_LIKE);
    fs.mkdirSync(path.dirname(store.pathOf('copy')), { recursive: true });
    fs.copyFileSync(store.pathOf('original'), store.pathOf('copy'));
    await expect(store.read('copy')).rejects.toThrow();
  });

  it('answers BlobNotFoundError for a missing key, and deleting twice is fine', async () => {
    await store.put('gone', JPEG_LIKE);
    await store.delete('gone');
    await store.delete('gone');
    await expect(store.get('gone')).rejects.toThrow(BlobNotFoundError);
  });

  it('lists objects with size and age for the sweeper, leaving out writes in progress', async () => {
    await store.put('one', Buffer.from('1'));
    await store.put('two', Buffer.from('22'));
    const shard = path.dirname(store.pathOf('one'));
    fs.writeFileSync(path.join(shard, '.tmp-0011223344556677'), 'half a write');
    const old = new Date(Date.now() - 48 * 3600_000);
    fs.utimesSync(store.pathOf('one'), old, old);

    const listed = [];
    for await (const b of store.list()) listed.push(b);
    expect(listed.map((b) => b.key).sort()).toEqual(['one', 'two']);
    const one = listed.find((b) => b.key === 'one')!;
    expect(Math.abs(one.modifiedAt.getTime() - old.getTime())).toBeLessThan(2000);
    expect(one.size).toBeGreaterThan(1);
  });

  it('lists nothing when the folder does not exist yet', async () => {
    const fresh = localBlobStore(path.join(tmp, 'never-written'), ring);
    const listed = [];
    for await (const b of fresh.list()) listed.push(b);
    expect(listed).toEqual([]);
  });
});
