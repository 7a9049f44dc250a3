import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { expectProblem } from '../../../test/security/problem-assertions.ts';
import { readyDraft, signUpPatient, submit } from '../cases/case-test-support.ts';
import { addPhoto } from './photo-test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { PHOTOS_PER_CASE_MAX: '2' } });
});
afterAll(async () => {
  await t?.close();
});

async function blobKeysOf(photoId: string): Promise<string[]> {
  const { rows } = await t.p.db.query<{ master_blob: string; preview_blob: string; thumbnail_blob: string }>(
    'SELECT master_blob, preview_blob, thumbnail_blob FROM photos WHERE id = $1',
    [photoId],
  );
  return rows[0] ? [rows[0].master_blob, rows[0].preview_blob, rows[0].thumbnail_blob] : [];
}

async function storedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const blob of t.p.blobs.list()) keys.push(blob.key);
  return keys;
}

describe('removing a photo from a draft', () => {
  it('removes the photo, its blobs and its slot, audited; the site then needs a photo again before sending', async () => {
    const { client } = await signUpPatient(t);
    const draft = await readyDraft(client, t.app);
    const [photoId] = (await client.get(`/api/cases/${draft.id}/photos`))
      .json()
      .photos.map((p: { id: string }) => p.id);
    const keys = await blobKeysOf(photoId);
    // the limit is 2: one more fits now
    const second = await addPhoto(t.app, client, draft.id, draft.bodySiteId);

    const removed = await client.request('DELETE', `/api/photos/${photoId}`);
    expect(removed.statusCode, removed.body).toBe(204);
    const left = (await client.get(`/api/cases/${draft.id}/photos`)).json().photos.map((p: { id: string }) => p.id);
    expect(left).toEqual([second]);
    const stored = await storedKeys();
    for (const key of keys) expect(stored).not.toContain(key);
    // its slot is free again: a second photo fits under the limit of 2
    await addPhoto(t.app, client, draft.id, draft.bodySiteId);
    const audit = await t.p.db.query(`SELECT outcome FROM audit_log WHERE action = 'photo.delete' AND object_id = $1`, [
      photoId,
    ]);
    expect(audit.rows).toEqual([{ outcome: 'success' }]);
    expectProblem(await client.request('DELETE', `/api/photos/${photoId}`), 404, 'NOT_FOUND');

    for (const id of (await client.get(`/api/cases/${draft.id}/photos`))
      .json()
      .photos.map((p: { id: string }) => p.id)) {
      expect((await client.request('DELETE', `/api/photos/${id}`)).statusCode).toBe(204);
    }
    expectProblem(await submit(client, draft.id, draft.intakeVersion, 'after-removal'), 409, 'PHOTOS_REQUIRED');
  });

  it('another patient and a GP get 404; a sent case keeps every photo (409)', async () => {
    const owner = await signUpPatient(t);
    const draft = await readyDraft(owner.client, t.app);
    const [photoId] = (await owner.client.get(`/api/cases/${draft.id}/photos`))
      .json()
      .photos.map((p: { id: string }) => p.id);
    const stranger = await signUpPatient(t);
    expectProblem(await stranger.client.request('DELETE', `/api/photos/${photoId}`), 404, 'NOT_FOUND');
    const gp = t.client();
    await gp.signInAs(t.clock, 'referring_clinician');
    expectProblem(await gp.request('DELETE', `/api/photos/${photoId}`), 404, 'NOT_FOUND');

    expect((await submit(owner.client, draft.id, draft.intakeVersion, 'sent')).statusCode).toBe(201);
    expectProblem(await owner.client.request('DELETE', `/api/photos/${photoId}`), 409, 'CASE_NOT_EDITABLE');
    expect(await blobKeysOf(photoId)).toHaveLength(3);
    const denied = await t.p.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'photo.delete' AND object_id = $1 AND outcome <> 'success'`,
      [photoId],
    );
    expect(denied.rows[0]).toEqual({ n: 3 });
  });
});
