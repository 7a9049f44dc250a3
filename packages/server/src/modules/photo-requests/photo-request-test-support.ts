// Shared steps for the photo-requests integration tests (not a test file itself).
import { randomUUID } from 'node:crypto';
import type { ImageRequest } from '@dermis/core';
import { expect } from 'vitest';
import type { TestApp, TestClient } from '../../../test/harness.ts';
import { acceptablePhoto, createUpload, patchUpload } from '../photos/photo-test-support.ts';
import { claimedCase, content, signResponse } from '../responses/response-test-support.ts';

export const closeUpRequest: ImageRequest = {
  site: '14975008',
  laterality: 'left',
  view: 'close_up',
  instruction: 'Very close, in daylight, so the edge of the mole is sharp.',
};
export const backWithScaleRequest: ImageRequest = {
  site: '77568009',
  laterality: null,
  view: 'with_scale',
  instruction: 'With a ruler next to the spot on your back.',
};

/** A patient's case claimed by `derm`, who signed "additional images requested" for `requests`. */
export async function caseWaitingForPhotos(
  t: TestApp,
  derm: TestClient,
  requests: ImageRequest[] = [closeUpRequest, backWithScaleRequest],
) {
  const claimed = await claimedCase(t, derm);
  const signed = await signResponse(
    derm,
    claimed.caseId,
    content({ disposition: 'additional_images_requested', imageRequests: requests }),
  );
  const view = await claimed.patient.get(`/api/cases/${claimed.caseId}/photo-requests`);
  expect(view.statusCode, view.body).toBe(200);
  const requestIds = (view.json().requests as { request: { id: string } }[]).map((r) => r.request.id);
  return { ...claimed, responseId: signed.id, requestIds };
}

/** Uploads an acceptable photo with `metadata` (tus Upload-Metadata); returns the creation and final answers. */
export async function uploadFor(t: TestApp, client: TestClient, metadata: Record<string, string>) {
  const bytes = await acceptablePhoto();
  const created = await createUpload(t.app, client, { size: bytes.length, metadata });
  if (created.statusCode !== 201) return { created, finished: null };
  const finished = await patchUpload(t.app, client, created.headers.location as string, 0, bytes);
  return { created, finished };
}

/** An accepted photo answering `photoRequestId`; returns the photo id. */
export async function answerRequest(t: TestApp, client: TestClient, caseId: string, photoRequestId: string) {
  const { created, finished } = await uploadFor(t, client, { caseId, photoRequestId });
  expect(created.statusCode, created.body).toBe(201);
  expect(finished?.statusCode, finished?.body).toBe(204);
  return finished!.headers['dermis-photo-id'] as string;
}

export function sendPhotos(client: TestClient, caseId: string, key: string | null = randomUUID()) {
  return client.request(
    'POST',
    `/api/cases/${caseId}/photo-requests/send`,
    undefined,
    key === null ? {} : { 'idempotency-key': key },
  );
}

export async function caseRow(t: TestApp, caseId: string) {
  const { rows } = await t.p.db.query<{
    status: string;
    assigned_to: string | null;
    triage_priority: string;
    triaged_at: Date;
    photos_returned_at: Date | null;
  }>('SELECT status, assigned_to, triage_priority, triaged_at, photos_returned_at FROM cases WHERE id = $1', [caseId]);
  return rows[0]!;
}
