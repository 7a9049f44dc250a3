import type { PhotoAnnotation } from '@dermis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { expectProblem } from '../../../test/security/problem-assertions.ts';
import { completeDraft, createDraftForPatient, signUpPatient, submit } from '../cases/case-test-support.ts';
import { signResponse } from '../responses/response-test-support.ts';
import { auditActions, buildReviewScene, polygon, type ReviewScene, rectangle } from './case-review-test-support.ts';

// Annotations on a photo as W3C Web Annotations (issue 5, "Case view").

let t: TestApp;
let s: ReviewScene;
let forPatient: PhotoAnnotation;
let clinicianOnly: PhotoAnnotation;
const url = () => `/api/photos/${s.current.photoId}/annotations`;

beforeAll(async () => {
  t = await startTestApp();
  s = await buildReviewScene(t);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('the assigned dermatologist', () => {
  it('saves a rectangle for the patient and a polygon for clinicians, stored as W3C JSON', async () => {
    const first = await s.derm.post(url(), { visibility: 'patient', annotation: rectangle(s.current.photoId) });
    expect(first.statusCode, first.body).toBe(201);
    forPatient = first.json();
    expect(forPatient).toMatchObject({ photoId: s.current.photoId, visibility: 'patient', shape: 'rectangle' });
    expect(forPatient.annotation).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:dermis:annotation:${forPatient.id}`,
      type: 'Annotation',
      body: [{ type: 'TextualBody', value: 'Irregular border, 4 mm', purpose: 'commenting', format: 'text/plain' }],
      target: {
        source: `urn:dermis:photo:${s.current.photoId}`,
        selector: { type: 'FragmentSelector', value: 'xywh=pixel:100,120,200,150' },
      },
    });
    const second = await s.derm.post(url(), { visibility: 'clinician_only', annotation: polygon(s.current.photoId) });
    expect(second.statusCode, second.body).toBe(201);
    clinicianOnly = second.json();
    expect(clinicianOnly.shape).toBe('polygon');
    const listed = await s.derm.get(url());
    expect(listed.json().annotations.map((a: PhotoAnnotation) => a.id)).toEqual([forPatient.id, clinicianOnly.id]);
  });

  it('saves a point', async () => {
    const point = rectangle(s.current.photoId, 'Punctum');
    point.target.selector.value = 'xywh=pixel:500,400,0,0';
    const saved = await s.derm.post(url(), { visibility: 'clinician_only', annotation: point });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().shape).toBe('point');
    const removed = await s.derm.request('DELETE', `${url()}/${saved.json().id}`);
    expect(removed.statusCode).toBe(204);
  });

  it('edits the note and visibility, keeping the id and creation time', async () => {
    const changed = await s.derm.put(`${url()}/${clinicianOnly.id}`, {
      visibility: 'clinician_only',
      annotation: polygon(s.current.photoId, 'Satellite papule, 2 mm'),
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().annotation.body[0].value).toBe('Satellite papule, 2 mm');
    expect(changed.json().annotation.created).toBe(clinicianOnly.annotation.created);
  });

  it.each([
    ['a missing note', { ...rectangle('x'), body: [] }, '/annotation/body'],
    ['the signed image URL as target', rectangle('not-the-photo'), '/annotation/target/source'],
    [
      'a region outside the 1000×800 photo',
      {
        ...rectangle('x'),
        target: { source: '', selector: { type: 'FragmentSelector', value: 'xywh=pixel:900,700,200,200' } },
      },
      '/annotation/target/source',
    ],
    [
      'a script in an SVG selector',
      { ...polygon('x'), target: { source: '', selector: { type: 'SvgSelector', value: '<svg><script/></svg>' } } },
      '/annotation/target/source',
    ],
  ])('refuses %s with 400 ANNOTATION_INVALID', async (_name, annotation, path) => {
    const body = expectProblem(
      await s.derm.post(url(), { visibility: 'patient', annotation }),
      400,
      'ANNOTATION_INVALID',
    );
    expect((body.errors as { path: string }[])[0]!.path).toBe(path);
  });

  it.each([
    ['outside the photo', 'xywh=pixel:900,700,200,200', '/annotation/target/selector/value'],
    ['a time fragment', 't=1,2', '/annotation/target/selector/value'],
  ])('refuses a region %s with the selector path', async (_name, value, path) => {
    const annotation = rectangle(s.current.photoId);
    annotation.target.selector.value = value;
    const body = expectProblem(
      await s.derm.post(url(), { visibility: 'patient', annotation }),
      400,
      'ANNOTATION_INVALID',
    );
    expect((body.errors as { path: string }[])[0]!.path).toBe(path);
  });

  it('refuses an unknown visibility with VALIDATION_FAILED and saves nothing', async () => {
    const before = (await s.derm.get(url())).json().annotations.length;
    const annotation = rectangle(s.current.photoId);
    expectProblem(await s.derm.post(url(), { visibility: 'everyone', annotation }), 400, 'VALIDATION_FAILED');
    expect((await s.derm.get(url())).json().annotations).toHaveLength(before);
  });

  it("cannot annotate the patient's earlier photo (comparison is read-only)", async () => {
    const earlier = `/api/photos/${s.earlier.photoId}/annotations`;
    expectProblem(
      await s.derm.post(earlier, { visibility: 'patient', annotation: rectangle(s.earlier.photoId) }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await s.derm.get(earlier), 404, 'NOT_FOUND');
  });

  it('audits every access', async () => {
    expect(await auditActions(t, s.current.photoId)).toContain('annotation.list:success');
    expect(await auditActions(t, forPatient.id)).toEqual(['annotation.create:success']);
    expect(await auditActions(t, clinicianOnly.id)).toEqual(['annotation.create:success', 'annotation.update:success']);
  });
});

describe('everyone else', () => {
  it.each([
    ['another dermatologist', () => s.otherDerm],
    ['a GP who did not refer the case', () => s.gp],
    ['an admin', () => s.admin],
  ])('%s gets 404 reading or writing', async (_name, who) => {
    expectProblem(await who().get(url()), 404, 'NOT_FOUND');
    expectProblem(
      await who().post(url(), { visibility: 'patient', annotation: rectangle(s.current.photoId) }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await who().request('DELETE', `${url()}/${forPatient.id}`), 404, 'NOT_FOUND');
  });

  it('the patient cannot write', async () => {
    expectProblem(
      await s.patient.post(url(), { visibility: 'patient', annotation: rectangle(s.current.photoId) }),
      404,
      'NOT_FOUND',
    );
  });

  it('another patient gets 404 for the photo', async () => {
    const { client } = await signUpPatient(t, { givenName: 'Nosy', familyName: 'Neighbour' });
    expectProblem(await client.get(url()), 404, 'NOT_FOUND');
  });
});

describe('the patient, before and after the response is signed', () => {
  it('sees no annotations while the case is in review', async () => {
    const listed = await s.patient.get(url());
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().annotations).toEqual([]);
  });

  it('sees only the patient-visible one once the response is signed, and nothing changes after', async () => {
    // Signing the response (responses module) moves the case to `responded`.
    await signResponse(s.derm, s.current.id);
    const listed = await s.patient.get(url());
    expect(listed.json().annotations.map((a: PhotoAnnotation) => [a.id, a.visibility])).toEqual([
      [forPatient.id, 'patient'],
    ]);
    expect((await s.derm.get(url())).json().annotations).toHaveLength(2);
    expectProblem(
      await s.derm.post(url(), { visibility: 'patient', annotation: rectangle(s.current.photoId) }),
      409,
      'ANNOTATION_LOCKED',
    );
    expectProblem(await s.derm.request('DELETE', `${url()}/${forPatient.id}`), 409, 'ANNOTATION_LOCKED');
  });
});

describe('the referring GP of a case they sent', () => {
  it('sees the patient-visible annotations once the response is signed, like the patient', async () => {
    const draft = await createDraftForPatient(s.gp);
    const { intakeVersion } = await completeDraft(s.gp, t.app, draft.id);
    expect((await submit(s.gp, draft.id, intakeVersion, `gp-${draft.id}`)).statusCode).toBe(201);
    const photoId = (await s.gp.get(`/api/cases/${draft.id}/photos`)).json().photos[0].id as string;
    expect((await s.derm.post(`/api/review/cases/${draft.id}/claim`)).statusCode).toBe(200);
    const gpUrl = `/api/photos/${photoId}/annotations`;
    const shown = await s.derm.post(gpUrl, { visibility: 'patient', annotation: rectangle(photoId, 'For the GP') });
    expect(shown.statusCode, shown.body).toBe(201);
    const hidden = await s.derm.post(gpUrl, { visibility: 'clinician_only', annotation: polygon(photoId) });
    expect(hidden.statusCode, hidden.body).toBe(201);

    expect((await s.gp.get(gpUrl)).json().annotations).toEqual([]);
    await signResponse(s.derm, draft.id);
    expect((await s.gp.get(gpUrl)).json().annotations.map((a: PhotoAnnotation) => a.id)).toEqual([shown.json().id]);
    // Another patient cannot read this photo's annotations.
    expectProblem(await s.patient.get(gpUrl), 404, 'NOT_FOUND');
  });
});
