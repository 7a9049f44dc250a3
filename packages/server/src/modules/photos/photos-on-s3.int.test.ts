import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { type S3Peer, startS3Peer, storedFiles } from '../../../test/s3-peer.ts';
import { acceptConsent, createDraft, signUpPatient } from '../cases/case-test-support.ts';
import { acceptablePhoto, addPhoto } from './photo-test-support.ts';
import { sweepPhotoStorage } from './storage-sweeper.ts';

// The whole photo path with BLOB_STORE=s3: upload, pipeline, sealed derivatives in object storage, signed links,
// and the orphan sweeper listing the bucket. Nothing lands in the data folder's blob directory.
let peer: S3Peer;
let t: TestApp;
beforeAll(async () => {
  peer = await startS3Peer();
  t = await startTestApp({ env: peer.env });
});
afterAll(async () => {
  await t?.close();
  await peer?.close();
});

describe('photos on S3-compatible storage', () => {
  it('stores sealed derivatives in the bucket, serves them back through signed links, and sweeps orphans there', async () => {
    const { client } = await signUpPatient(t);
    const draft = await createDraft(client);
    await acceptConsent(client);
    const sites = await client.put(`/api/cases/${draft.id}/body-sites`, { bodySites: [{ site: '89545001' }] });
    expect(sites.statusCode, sites.body).toBe(200);
    const photoId = await addPhoto(t.app, client, draft.id, sites.json().bodySites[0].id);

    expect(fs.existsSync(path.join(t.dataDir, 'blobs'))).toBe(false);
    const { rows } = await t.p.db.query<{ master_blob: string }>('SELECT master_blob FROM photos WHERE id = $1', [
      photoId,
    ]);
    const masterKey = rows[0]!.master_blob;
    const keys: string[] = [];
    for await (const blob of t.p.blobs.list()) keys.push(blob.key);
    expect(keys).toContain(masterKey);
    // the provider holds ciphertext: no JPEG header at the start of any stored object
    const original = await acceptablePhoto();
    for (const file of storedFiles(peer.directory)) expect(file.subarray(0, 3)).not.toEqual(original.subarray(0, 3));

    const links = (await client.post(`/api/photos/${photoId}/links`)).json().links as Record<string, string>;
    const master = await client.get(links.master!);
    expect(master.statusCode).toBe(200);
    expect(master.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(master.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([1000, 800]);

    const orphan = `${crypto.randomUUID()}-preview`;
    await t.p.blobs.put(orphan, Buffer.from('orphan'));
    const farFuture = new Date(Date.now() + 7 * 24 * 3600_000);
    await sweepPhotoStorage(t.p, undefined, farFuture);
    const after: string[] = [];
    for await (const blob of t.p.blobs.list()) after.push(blob.key);
    expect(after).not.toContain(orphan);
    expect(after).toContain(masterKey);
  });
});
