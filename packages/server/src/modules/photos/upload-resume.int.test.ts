import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestClient } from '../../../test/harness.ts';
import { phoneJpeg } from '../../../test/photo-fixtures.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { type App, buildApp } from '../../platform/app.ts';
import { localBlobStore } from '../../platform/blob-store.ts';
import { closePlatform, openPlatform } from '../../platform/bootstrap.ts';
import { ManualClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import type { Platform } from '../../platform/context.ts';
import { PhotoWorkerPool } from '../images/index.ts';
import { createUpload, headUpload, patchUpload } from './photo-test-support.ts';

// "Kill the server mid-upload and resume to a byte-identical result" (issue 4): a real listening server, a
// request cut off halfway, the app and its platform closed, and a new app started on the same data folder and
// the same database. The upload resumes from the offset the new app reports.

const clock = new ManualClock(new Date('2026-11-25T09:00:00Z'));
let dataDir: string;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let env: Record<string, string>;
const running: { app: App; p: Platform }[] = [];

async function boot(): Promise<{ app: App; p: Platform; port: number }> {
  const quiet = new Writable({ write: (_chunk, _enc, cb) => cb() });
  const p = await openPlatform(loadConfig(env), { clock, logStream: quiet as never });
  const app = await buildApp(p);
  await app.listen({ port: 0, host: '127.0.0.1' });
  running.push({ app, p });
  const address = app.server.address();
  return { app, p, port: typeof address === 'object' && address ? address.port : 0 };
}

async function shutDown(instance: { app: App; p: Platform }) {
  await instance.app.close();
  await closePlatform(instance.p);
  running.splice(running.indexOf(instance), 1);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-resume-'));
  database = await createTestDatabase();
  env = {
    DERMIS_DATA_DIR: dataDir,
    DERMIS_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  };
});
afterAll(async () => {
  for (const instance of [...running]) await shutDown(instance);
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Sends the first `sent` bytes of a PATCH that announced all of `bytes`, then drops the connection. */
function patchAndDrop(port: number, c: TestClient, location: string, bytes: Buffer, sent: number): Promise<void> {
  return new Promise((resolve) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'PATCH',
      path: location,
      headers: {
        cookie: c.cookie!,
        'x-csrf-token': c.csrfToken!,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(bytes.length),
      },
    });
    request.on('error', () => resolve());
    request.on('close', () => resolve());
    request.write(bytes.subarray(0, sent), () => {
      setTimeout(() => request.destroy(), 300);
    });
  });
}

it('an upload cut off mid-way resumes on a restarted server; the master matches a direct pipeline run; one photo row', async () => {
  const first = await boot();
  const c = new TestClient(first.app);
  const signup = await c.post('/api/auth/signup', {
    email: 'resume.patient@example.org',
    password: 'a long passphrase for resuming',
    givenName: 'Rene',
    familyName: 'Sume',
    birthDate: '1979-03-02',
  });
  expect(signup.statusCode, signup.body).toBe(201);
  const draft = (await c.post('/api/cases', { concern: 'lesion' })).json() as { id: string };
  const sites = await c.put(`/api/cases/${draft.id}/body-sites`, { bodySites: [{ site: '89545001' }] });
  const bodySiteId = sites.json().bodySites[0].id as string;

  const bytes = await phoneJpeg(1600, 1200);
  const half = Math.floor(bytes.length / 2);
  const created = await createUpload(first.app, c, { size: bytes.length, metadata: { caseId: draft.id, bodySiteId } });
  expect(created.statusCode, created.body).toBe(201);
  const location = created.headers.location as string;

  await patchAndDrop(first.port, c, location, bytes, half);
  // The server keeps what arrived before the connection dropped.
  let kept = 0;
  for (let i = 0; i < 50 && kept === 0; i++) {
    kept = Number((await headUpload(first.app, c, location)).headers['upload-offset']);
    if (kept === 0) await new Promise((r) => setTimeout(r, 100));
  }
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThanOrEqual(half);
  await shutDown(first);

  const second = await boot();
  const resumed = new TestClient(second.app);
  resumed.cookie = c.cookie;
  resumed.csrfToken = c.csrfToken;
  const head = await headUpload(second.app, resumed, location);
  expect(head.statusCode).toBe(200);
  expect(Number(head.headers['upload-offset'])).toBe(kept);
  expect(head.headers['upload-length']).toBe(String(bytes.length));

  const finished = await patchUpload(second.app, resumed, location, kept, bytes.subarray(kept));
  expect(finished.statusCode, finished.body).toBe(204);
  const photoId = finished.headers['dermis-photo-id'] as string;
  // A retried final PATCH (the answer was lost) does not make a second photo.
  const retried = await patchUpload(second.app, resumed, location, bytes.length, Buffer.alloc(0));
  expect(retried.headers['dermis-photo-id']).toBe(photoId);
  const { rows } = await second.p.db.query<{ id: string; master_blob: string }>(
    'SELECT id, master_blob FROM photos WHERE case_id = $1',
    [draft.id],
  );
  expect(rows).toEqual([expect.objectContaining({ id: photoId })]);

  const stored = await localBlobStore(dataDir, second.p.keys).read(rows[0]!.master_blob);
  const pool = new PhotoWorkerPool({ size: 1 });
  try {
    const direct = await pool.process(bytes);
    if (!direct.ok) throw new Error(direct.code);
    const pixels = async (jpeg: Buffer) => sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    const [a, b] = await Promise.all([pixels(stored), pixels(direct.derivatives.master)]);
    expect(a.info).toEqual(b.info);
    expect(a.data.equals(b.data)).toBe(true);
  } finally {
    await pool.close();
  }
});
