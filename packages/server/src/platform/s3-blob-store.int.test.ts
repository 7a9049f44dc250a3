import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { CopyObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Peer, startS3Peer, storedFiles } from '../../test/s3-peer.ts';
import { BlobNotFoundError, BlobTooLargeError, newBlobKey } from './blob-store.ts';
import { loadConfig } from './config.ts';
import { KeyRing } from './crypto.ts';
import { S3BlobStore, s3BlobStore } from './s3-blob-store.ts';

const ring = new KeyRing({ id: 'k1', key: randomBytes(32) });
const JPEG_LIKE = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('lesion on the left forearm')]);

let peer: S3Peer;
let store: S3BlobStore;
let raw: S3Client;
beforeAll(async () => {
  peer = await startS3Peer();
  const config = loadConfig({ ...peer.env, S3_PREFIX: 'clinic-a/' });
  if (config.blobs.kind !== 's3') throw new Error('expected the s3 blob store config');
  store = s3BlobStore(config.blobs, ring);
  raw = new S3Client({
    region: 'us-east-1',
    endpoint: peer.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
});
afterAll(async () => {
  raw?.destroy();
  await peer?.close();
});

describe('S3BlobStore (against an S3 protocol peer)', () => {
  it('stores sealed bytes only and gives the original back, by buffer and by stream', async () => {
    const key = newBlobKey('master');
    await store.put(key, JPEG_LIKE);
    expect(await store.read(key)).toEqual(JPEG_LIKE);
    expect(await buffer(await store.get(key))).toEqual(JPEG_LIKE);
    const files = storedFiles(peer.directory);
    expect(files.some((f) => f.includes(Buffer.from('left forearm')))).toBe(false);
    expect(files.some((f) => f.includes(JPEG_LIKE.subarray(0, 4)) && f.length < 200)).toBe(false);
  });

  it('accepts a stream, and stores nothing when the stream is over the limit', async () => {
    const key = newBlobKey();
    await store.put(key, Readable.from([Buffer.from('part one, '), Buffer.from('part two')]));
    expect((await store.read(key)).toString()).toBe('part one, part two');
    const small = s3BlobStoreWithLimit(16);
    const big = newBlobKey();
    await expect(small.put(big, Readable.from([Buffer.alloc(10), Buffer.alloc(10)]))).rejects.toThrow(
      BlobTooLargeError,
    );
    await expect(store.read(big)).rejects.toThrow(BlobNotFoundError);
  });

  it('does not open a sealed object copied under another key', async () => {
    const key = newBlobKey();
    const copy = newBlobKey();
    await store.put(key, JPEG_LIKE);
    await raw.send(
      new CopyObjectCommand({
        Bucket: peer.bucket,
        CopySource: `${peer.bucket}/clinic-a/${key}`,
        Key: `clinic-a/${copy}`,
      }),
    );
    await expect(store.read(copy)).rejects.toThrow();
  });

  it('answers BlobNotFoundError for a missing key; deleting twice is fine', async () => {
    const key = newBlobKey();
    await expect(store.read(key)).rejects.toThrow(BlobNotFoundError);
    await store.put(key, Buffer.from('x'));
    await store.delete(key);
    await store.delete(key);
    await expect(store.read(key)).rejects.toThrow(BlobNotFoundError);
  });

  it('lists only its own prefix, with sizes and times, and refuses keys that could leave it', async () => {
    const key = newBlobKey('thumbnail');
    await store.put(key, Buffer.from('listed'));
    await raw.send(new PutObjectCommand({ Bucket: peer.bucket, Key: 'clinic-b/other-installation', Body: 'x' }));
    await raw.send(new PutObjectCommand({ Bucket: peer.bucket, Key: 'clinic-a/deeper/folder', Body: 'x' }));
    const listed = [];
    for await (const info of store.list()) listed.push(info);
    const mine = listed.find((b) => b.key === key);
    expect(mine?.size).toBeGreaterThan('listed'.length);
    expect(Date.now() - mine!.modifiedAt.getTime()).toBeLessThan(60_000);
    expect(listed.map((b) => b.key)).not.toContain('other-installation');
    expect(listed.some((b) => b.key.includes('/'))).toBe(false);
    await expect(store.put('../escape', Buffer.from('x'))).rejects.toThrow();
  });
});

function s3BlobStoreWithLimit(maxObjectBytes: number): S3BlobStore {
  // the same store with a smaller limit; the limit is checked before anything is sent
  return new S3BlobStore({ client: raw, bucket: peer.bucket, prefix: 'clinic-a/', keyRing: ring, maxObjectBytes });
}
