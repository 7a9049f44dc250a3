import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { animated, phoneJpeg, pixelFloodPng, SVG_WITH_SCRIPT } from '../../../test/photo-fixtures.ts';
import { expectProblem } from '../../../test/security/problem-assertions.ts';
import type { LocalBlobStore } from '../../platform/blob-store.ts';
import { acceptConsent, buildResponse, createDraft, lesionAnswers, signUpPatient } from '../cases/case-test-support.ts';
import { acceptablePhoto, addPhoto, createUpload, headUpload, patchUpload, sendPhoto } from './photo-test-support.ts';
import { sweepPhotoStorage } from './storage-sweeper.ts';

const MAX_BYTES = 25 * 1024 * 1024;
const FAR_FUTURE = new Date('2100-01-01T00:00:00Z');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { PHOTOS_PER_CASE_MAX: '3' } });
});
afterAll(async () => {
  await t?.close();
});

/** A signed-in patient with a draft case and two body sites. */
async function patientWithDraft() {
  const { client, email } = await signUpPatient(t);
  const draft = await createDraft(client);
  await acceptConsent(client);
  const saved = await client.put(`/api/cases/${draft.id}/intake`, {
    version: 0,
    response: buildResponse(lesionAnswers),
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const sites = await client.put(`/api/cases/${draft.id}/body-sites`, {
    bodySites: [{ site: '14975008', laterality: 'left' }, { site: '89545001' }],
  });
  expect(sites.statusCode, sites.body).toBe(200);
  const [first, second] = (sites.json().bodySites as { id: string }[]).map((s) => s.id);
  return { client, email, caseId: draft.id, siteIds: [first!, second!], intakeVersion: saved.json().version as number };
}

async function photoRows(caseId: string) {
  const { rows } = await t.p.db.query<{ id: string; upload_id: string }>(
    'SELECT id, upload_id FROM photos WHERE case_id = $1',
    [caseId],
  );
  return rows;
}

/** Every file under the data folder (blobs, uploads, database files), recursively. */
function allFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function blobKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const b of (await import('./photo-storage.ts')).photoStorage(t.p).blobs.list()) keys.push(b.key);
  return keys.sort();
}

describe('upload', () => {
  it('bytes of a partial upload never reach the disk in the clear (no JPEG marker, no EXIF, no GPS text)', async () => {
    const { client, caseId, siteIds } = await patientWithDraft();
    const bytes = await phoneJpeg(1200, 900);
    const created = await createUpload(t.app, client, {
      size: bytes.length,
      metadata: { caseId, bodySiteId: siteIds[0]!, filename: 'mole.jpg' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const half = Math.floor(bytes.length / 2);
    const partial = await patchUpload(t.app, client, created.headers.location as string, 0, bytes.subarray(0, half));
    expect(partial.statusCode, partial.body).toBe(204);
    expect(partial.headers['upload-offset']).toBe(String(half));

    const uploadFiles = allFiles(path.join(t.dataDir, 'uploads'));
    expect(uploadFiles).toHaveLength(1);
    expect(fs.statSync(uploadFiles[0]!).size).toBeGreaterThan(half);
    for (const file of allFiles(t.dataDir)) {
      const content = fs.readFileSync(file);
      // Random ciphertext contains any 3-byte sequence now and then, so look for the file's own first
      // 64 bytes (its JPEG header) rather than for a bare start-of-image marker.
      expect(content.includes(bytes.subarray(0, 64)), file).toBe(false);
      for (const text of ['Exif', 'iPhone 15', 'patient-name-in-software-tag', 'Jane Patient', 'COMMENT-SECRET']) {
        expect(content.includes(Buffer.from(text)), `${text} in ${file}`).toBe(false);
      }
    }
    const head = await headUpload(t.app, client, created.headers.location as string);
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(half));
    expect(head.headers['upload-length']).toBe(String(bytes.length));
    // The file name was dropped at creation: only the ids travel with the upload.
    expect(String(head.headers['upload-metadata'])).not.toContain(Buffer.from('mole.jpg').toString('base64'));
  });

  it('a retried final PATCH answers the same photo and never makes a second row', async () => {
    const { client, caseId, siteIds } = await patientWithDraft();
    const bytes = await acceptablePhoto();
    const { location, finished } = await sendPhoto(t.app, client, { caseId, bodySiteId: siteIds[0]! }, bytes);
    expect(finished.statusCode, finished.body).toBe(204);
    const photoId = finished.headers['dermis-photo-id'];
    expect(photoId).toMatch(/^[0-9a-f-]{36}$/);
    const retried = await patchUpload(t.app, client, location, bytes.length, Buffer.alloc(0));
    expect(retried.statusCode, retried.body).toBe(204);
    expect(retried.headers['dermis-photo-id']).toBe(photoId);
    const stale = await patchUpload(t.app, client, location, 0, bytes);
    expectProblem(stale, 409, 'UPLOAD_OFFSET_CONFLICT');
    const head = await headUpload(t.app, client, location);
    expect(head.headers['upload-offset']).toBe(String(bytes.length));
    expect(await photoRows(caseId)).toEqual([expect.objectContaining({ id: photoId })]);
    const status = await client.get(location);
    expect(status.json()).toMatchObject({ state: 'accepted', photoId, rejection: null });
  });

  it('another user cannot see or continue an upload: HEAD, PATCH and GET answer 404', async () => {
    const { client, caseId, siteIds } = await patientWithDraft();
    const bytes = await acceptablePhoto();
    const created = await createUpload(t.app, client, {
      size: bytes.length,
      metadata: { caseId, bodySiteId: siteIds[0]! },
    });
    const location = created.headers.location as string;
    const { client: intruder } = await signUpPatient(t, { givenName: 'Ivo', familyName: 'Truder' });
    expect((await headUpload(t.app, intruder, location)).statusCode).toBe(404);
    expectProblem(await patchUpload(t.app, intruder, location, 0, bytes), 404, 'NOT_FOUND');
    expectProblem(await intruder.get(location), 404, 'NOT_FOUND');
    // Nor can they upload into someone else's case.
    const foreign = await createUpload(t.app, intruder, {
      size: bytes.length,
      metadata: { caseId, bodySiteId: siteIds[0]! },
    });
    expectProblem(foreign, 404, 'NOT_FOUND');
    // The owner's upload is untouched.
    const head = await headUpload(t.app, client, location);
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe('0');
  });

  it('the per-case photo limit holds under two concurrent creations', async () => {
    const { client, caseId, siteIds } = await patientWithDraft();
    await addPhoto(t.app, client, caseId, siteIds[0]!);
    await addPhoto(t.app, client, caseId, siteIds[1]!);
    const size = (await acceptablePhoto()).length;
    const both = await Promise.all([
      createUpload(t.app, client, { size, metadata: { caseId, bodySiteId: siteIds[0]! } }),
      createUpload(t.app, client, { size, metadata: { caseId, bodySiteId: siteIds[1]! } }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expectProblem(both.find((r) => r.statusCode === 409)!, 409, 'PHOTO_LIMIT_REACHED');
    const { rows } = await t.p.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM photo_uploads WHERE case_id = $1 AND state <> 'rejected'`,
      [caseId],
    );
    expect(rows[0]!.n).toBe(3);
  });

  it('file names with path traversal and CRLF are harmless: never a path, never logged, never echoed', async () => {
    const { client, caseId, siteIds } = await patientWithDraft();
    const bytes = await acceptablePhoto();
    const evil = '../../../../tmp/dermis-owned.jpg\r\nX-Injected: yes';
    const created = await createUpload(t.app, client, {
      size: bytes.length,
      metadata: { caseId, bodySiteId: siteIds[0]!, filename: evil },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['x-injected']).toBeUndefined();
    expect(created.headers.location).toMatch(/^\/api\/uploads\/[0-9a-f]{32}$/);
    const finished = await patchUpload(t.app, client, created.headers.location as string, 0, bytes);
    expect(finished.statusCode, finished.body).toBe(204);
    expect(fs.existsSync('/tmp/dermis-owned.jpg')).toBe(false);
    expect(t.logs.join('\n')).not.toContain('dermis-owned');
    expect(t.logs.join('\n')).not.toContain(Buffer.from(evil).toString('base64'));
    const { rows } = await t.p.db.query('SELECT * FROM photo_uploads WHERE case_id = $1', [caseId]);
    expect(JSON.stringify(rows)).not.toContain('dermis-owned');
  });
});

describe('bad files', () => {
  const truncatedJpeg = async () => {
    const whole = await acceptablePhoto();
    return whole.subarray(0, Math.floor(whole.length * 0.6));
  };
  const textAsJpeg = async () => Buffer.from('this is a text file renamed to photo.jpg\n'.repeat(50));
  const cases: [string, () => Promise<Buffer>, number, string][] = [
    ['text renamed .jpg', textAsJpeg, 415, 'FORMAT_NOT_ALLOWED'],
    ['truncated JPEG', truncatedJpeg, 422, 'FILE_CORRUPT'],
    ['pixel flood PNG (15000×15000)', pixelFloodPng, 422, 'TOO_MANY_PIXELS'],
    ['SVG with script', async () => SVG_WITH_SCRIPT, 415, 'FORMAT_NOT_ALLOWED'],
    ['animated GIF', () => animated('gif'), 415, 'FORMAT_NOT_ALLOWED'],
    [
      'a blurred photo (server quality gate)',
      async () =>
        (await sharp(await acceptablePhoto())
          .blur(40)
          .jpeg()
          .toBuffer()) as Buffer,
      422,
      'PHOTO_QUALITY_REJECTED',
    ],
  ];

  it('zero bytes and one byte over the limit are refused at creation, before a byte is sent', async () => {
    const { client, caseId, siteIds } = await patientWithDraft();
    const metadata = { caseId, bodySiteId: siteIds[0]! };
    expectProblem(await createUpload(t.app, client, { size: 0, metadata }), 400, 'FILE_EMPTY');
    expectProblem(await createUpload(t.app, client, { size: MAX_BYTES + 1, metadata }), 413, 'FILE_TOO_LARGE');
    const { rows } = await t.p.db.query('SELECT id FROM photo_uploads WHERE case_id = $1', [caseId]);
    expect(rows).toEqual([]);
  });

  it.each(cases)(
    '%s: a stable code, no photo, no blob left, the case keeps its other photo',
    async (_name, make, status, code) => {
      const { client, caseId, siteIds } = await patientWithDraft();
      const kept = await addPhoto(t.app, client, caseId, siteIds[0]!);
      const blobsBefore = await blobKeys();
      const { location, finished } = await sendPhoto(
        t.app,
        client,
        { caseId, bodySiteId: siteIds[1]!, filename: 'photo.jpg' },
        await make(),
      );
      expectProblem(finished, status, code);
      // A retried final PATCH gets the same answer.
      const size = Number((await headUpload(t.app, client, location)).headers['upload-length']);
      expectProblem(await patchUpload(t.app, client, location, size, Buffer.alloc(0)), status, code);
      expect((await client.get(location)).json()).toMatchObject({
        state: 'rejected',
        photoId: null,
        rejection: { code },
      });
      expect((await photoRows(caseId)).map((r) => r.id)).toEqual([kept]);
      await sweepPhotoStorage(t.p, undefined, FAR_FUTURE);
      // Only blobs of accepted photos remain (this test's kept photo among them), and no upload bytes of this one.
      expect(await blobKeys()).toEqual(blobsBefore);
      expect(fs.existsSync(path.join(t.dataDir, 'uploads', location.split('/').pop()!))).toBe(false);
      const photos = await client.get(`/api/cases/${caseId}/photos`);
      expect(photos.json().photos.map((p: { id: string }) => p.id)).toEqual([kept]);
    },
  );
});

describe('submission requires photos', () => {
  it('every body site needs an accepted photo: 409 PHOTOS_REQUIRED names the sites without one', async () => {
    const { client, caseId, siteIds, intakeVersion } = await patientWithDraft();
    await addPhoto(t.app, client, caseId, siteIds[0]!);
    const submit = (key: string) =>
      client.request('POST', `/api/cases/${caseId}/submit`, { intakeVersion }, { 'idempotency-key': key });
    const refused = expectProblem(await submit('photos-missing'), 409, 'PHOTOS_REQUIRED');
    expect(refused.errors).toEqual([
      expect.objectContaining({ path: `/bodySites/${siteIds[1]}`, code: 'PHOTOS_REQUIRED' }),
    ]);
    await addPhoto(t.app, client, caseId, siteIds[1]!);
    expect((await submit('photos-missing')).statusCode).toBe(201);
    // A sent case takes no more uploads.
    const late = await createUpload(t.app, client, { size: 10, metadata: { caseId, bodySiteId: siteIds[0]! } });
    expectProblem(late, 409, 'CASE_NOT_EDITABLE');
  });
});

describe('signed image links', () => {
  let owner: TestClient;
  let photoId: string;
  beforeAll(async () => {
    const { client, caseId, siteIds } = await patientWithDraft();
    owner = client;
    photoId = await addPhoto(t.app, client, caseId, siteIds[0]!);
  });

  const readAudits = async () => {
    const { rows } = await t.p.db.query<{ outcome: string; object_id: string | null }>(
      `SELECT outcome, object_id FROM audit_log WHERE action = 'photo.read' ORDER BY seq`,
    );
    return rows;
  };

  it('serve decrypted JPEG bytes with exact headers, and audit every fetch', async () => {
    const links = await owner.post(`/api/photos/${photoId}/links`);
    expect(links.statusCode, links.body).toBe(200);
    const { master, preview, thumbnail } = links.json().links as Record<string, string>;
    expect(new Date(links.json().expiresAt).getTime() - t.clock.now().getTime()).toBeLessThanOrEqual(15 * 60_000);
    const before = (await readAudits()).length;
    for (const url of [master, preview, thumbnail, preview]) {
      const image = await owner.get(url!);
      expect(image.statusCode, `${url} ${image.body}`).toBe(200);
      expect(image.headers['content-type']).toBe('image/jpeg');
      expect(image.headers['x-content-type-options']).toBe('nosniff');
      expect(image.headers['cache-control']).toBe('no-store');
      expect(image.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    }
    const meta = await sharp((await owner.get(master!)).rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([1000, 800]);
    const audits = await readAudits();
    expect(audits.slice(before)).toEqual(
      Array.from({ length: 5 }, () => expect.objectContaining({ outcome: 'success', object_id: photoId })),
    );
  });

  it('another session with a valid link, a tampered link, and no session: 404 / 401, each audited', async () => {
    const { preview } = (await owner.post(`/api/photos/${photoId}/links`)).json().links as Record<string, string>;
    const { client: other } = await signUpPatient(t, { givenName: 'Otto', familyName: 'Ander' });
    const before = (await readAudits()).length;
    expectProblem(await other.get(preview!), 404, 'NOT_FOUND');
    const tampered = preview!.replace('.p.', '.m.');
    expectProblem(await owner.get(tampered), 404, 'NOT_FOUND');
    const lastChar = preview!.at(-1) === 'A' ? 'B' : 'A';
    expectProblem(await owner.get(`${preview!.slice(0, -1)}${lastChar}`), 404, 'NOT_FOUND');
    expectProblem(await t.client().get(preview!), 401, 'UNAUTHENTICATED');
    const audits = (await readAudits()).slice(before);
    expect(audits.map((a) => a.outcome)).toEqual(['denied', 'denied', 'denied', 'denied']);
    // Another patient cannot ask for links to the photo either.
    expectProblem(await other.post(`/api/photos/${photoId}/links`), 404, 'NOT_FOUND');
  });

  it('an expired link answers 403 IMAGE_LINK_EXPIRED to its own user', async () => {
    const { thumbnail } = (await owner.post(`/api/photos/${photoId}/links`)).json().links as Record<string, string>;
    t.clock.advance(t.p.config.photos.linkSeconds + 1);
    expectProblem(await owner.get(thumbnail!), 403, 'IMAGE_LINK_EXPIRED');
    const fresh = (await owner.post(`/api/photos/${photoId}/links`)).json().links.thumbnail as string;
    expect((await owner.get(fresh)).statusCode).toBe(200);
  });
});

describe('sweeper', () => {
  it('removes orphaned blobs after the grace period, keeps referenced and young ones, abandons stale uploads', async () => {
    const { client, email, caseId, siteIds } = await patientWithDraft();
    const photoId = await addPhoto(t.app, client, caseId, siteIds[0]!);
    const { blobs } = (await import('./photo-storage.ts')).photoStorage(t.p);
    const orphan = `${crypto.randomUUID()}-master`;
    const young = `${crypto.randomUUID()}-preview`;
    await blobs.put(orphan, Buffer.from('orphan'));
    await blobs.put(young, Buffer.from('young'));
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    // the test app keeps blobs in its data folder: age the orphan's file
    fs.utimesSync((blobs as LocalBlobStore).pathOf(orphan), twoHoursAgo, twoHoursAgo);

    const created = await createUpload(t.app, client, { size: 1000, metadata: { caseId, bodySiteId: siteIds[1]! } });
    const uploadId = (created.headers.location as string).split('/').pop()!;
    await patchUpload(t.app, client, created.headers.location as string, 0, Buffer.alloc(300, 1));

    const first = await sweepPhotoStorage(t.p);
    const keys = await blobKeys();
    expect(keys).not.toContain(orphan);
    expect(keys).toContain(young);
    expect(first.removedBlobs).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(path.join(t.dataDir, 'uploads', uploadId))).toBe(true);

    t.clock.advance(t.p.config.photos.abandonedUploadHours * 3600 + 60);
    const second = await sweepPhotoStorage(t.p);
    expect(second.abandonedUploads).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(path.join(t.dataDir, 'uploads', uploadId))).toBe(false);
    // The patient's session has idled out meanwhile: sign in again.
    const again = t.client();
    expect((await again.login(email, 'a long passphrase for cases')).statusCode).toBe(200);
    expect((await headUpload(t.app, again, created.headers.location as string)).statusCode).toBe(404);
    // The accepted photo and its blobs are untouched.
    const { preview } = (await again.post(`/api/photos/${photoId}/links`)).json().links as Record<string, string>;
    expect((await again.get(preview!)).statusCode).toBe(200);
    // The creation booked the sweep that frees this upload (an outbox job, run by the worker).
    const { rows } = await t.p.db.query(`SELECT id FROM outbox WHERE topic = 'photos.sweep'`);
    expect(rows.length).toBeGreaterThan(0);
  });
});
