// Shared steps for tests that need photos on a case (not a test file itself): real tus requests through the app.
import { expect } from 'vitest';
import type { TestClient } from '../../../test/harness.ts';
import { markedPhoto } from '../../../test/photo-fixtures.ts';
import type { App } from '../../platform/app.ts';

export type { App };

let acceptable: Promise<Buffer> | null = null;

/** A sharp, well-exposed 1000×800 JPEG the quality gate accepts (made once per test file). */
export function acceptablePhoto(): Promise<Buffer> {
  acceptable ??= markedPhoto(1000, 800).then((image) => image.jpeg({ quality: 90 }).toBuffer());
  return acceptable;
}

/** tus Upload-Metadata: comma-separated `key base64(value)` pairs. */
export function tusMetadata(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');
}

function sessionHeaders(c: TestClient): Record<string, string> {
  return {
    'tus-resumable': '1.0.0',
    ...(c.cookie ? { cookie: c.cookie } : {}),
    ...(c.csrfToken ? { 'x-csrf-token': c.csrfToken } : {}),
  };
}

export function createUpload(
  app: App,
  c: TestClient,
  upload: { size: number; metadata: Record<string, string>; headers?: Record<string, string> },
) {
  return app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: {
      ...sessionHeaders(c),
      'upload-length': String(upload.size),
      'upload-metadata': tusMetadata(upload.metadata),
      ...upload.headers,
    },
  });
}

export function patchUpload(app: App, c: TestClient, location: string, offset: number, bytes: Buffer) {
  return app.inject({
    method: 'PATCH',
    url: location,
    headers: {
      ...sessionHeaders(c),
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
    },
    payload: bytes,
  });
}

export function headUpload(app: App, c: TestClient, location: string) {
  return app.inject({ method: 'HEAD', url: location, headers: sessionHeaders(c) });
}

/** Creates an upload and sends all of `bytes` in one PATCH; returns the final PATCH's response. */
export async function sendPhoto(
  app: App,
  c: TestClient,
  target: { caseId: string; bodySiteId: string } & Record<string, string>,
  bytes: Buffer,
) {
  const created = await createUpload(app, c, { size: bytes.length, metadata: { ...target } });
  expect(created.statusCode, created.body).toBe(201);
  const location = created.headers.location as string;
  const finished = await patchUpload(app, c, location, 0, bytes);
  return { location, uploadId: location.split('/').pop()!, finished };
}

/** An accepted photo for the body site; returns its photo id. */
export async function addPhoto(app: App, c: TestClient, caseId: string, bodySiteId: string): Promise<string> {
  const { finished } = await sendPhoto(app, c, { caseId, bodySiteId }, await acceptablePhoto());
  expect(finished.statusCode, finished.body).toBe(204);
  return finished.headers['dermis-photo-id'] as string;
}
