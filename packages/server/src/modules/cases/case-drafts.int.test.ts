import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { expectProblem } from '../../../test/security/problem-assertions.ts';
import { buildResponse, createDraft, lesionAnswers, rashAnswers, signUpPatient } from './case-test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const partialLesion = {
  concern: lesionAnswers.concern!,
  'lesion.onset': lesionAnswers['lesion.onset']!,
  'lesion.colour-change': { valueBoolean: true },
};

describe('draft cases', () => {
  it('a draft survives closing the browser: created, saved, read back after a new sign-in', async () => {
    const { client, email } = await signUpPatient(t);
    const draft = await createDraft(client);
    expect(draft.caseNumber).toMatch(/^DRM-2026-\d{6}$/);

    // Unanswered questions are fine in a draft.
    const response = buildResponse(partialLesion);
    const saved = await client.put(`/api/cases/${draft.id}/intake`, { version: 0, response });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
    const sites = await client.put(`/api/cases/${draft.id}/body-sites`, {
      bodySites: [
        { site: '14975008', laterality: 'left' },
        { site: '41695006', laterality: null },
      ],
    });
    expect(sites.json().bodySites.map((s: { label: string }) => s.label)).toEqual(['Left forearm', 'Scalp']);

    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    const again = t.client();
    expect((await again.login(email, 'a long passphrase for cases')).statusCode).toBe(200);

    const list = (await again.get('/api/cases')).json().cases;
    expect(list.map((c: { id: string }) => c.id)).toEqual([draft.id]);
    const detail = (await again.get(`/api/cases/${draft.id}`)).json();
    expect(detail.status).toBe('draft');
    expect(detail.intake.version).toBe(1);
    expect(detail.intake.response.item).toEqual(response.item);
    expect(detail.intake.response.status).toBe('in-progress');
    expect(detail.bodySites.map((s: { site: string; laterality: string | null }) => [s.site, s.laterality])).toEqual([
      ['14975008', 'left'],
      ['41695006', null],
    ]);
    expect(detail.timeline).toEqual([
      expect.objectContaining({ type: 'case.created', to: 'draft', actorRole: 'patient' }),
    ]);
    expect(detail.expectedResponseBy).toBeNull();
  });

  it('lists the patient’s cases newest first', async () => {
    const { client } = await signUpPatient(t);
    const first = await createDraft(client, 'rash');
    t.clock.advance(60);
    const second = await createDraft(client, 'other');
    const list = (await client.get('/api/cases')).json().cases;
    expect(list.map((c: { id: string }) => c.id)).toEqual([second.id, first.id]);
    expect(first.caseNumber).not.toBe(second.caseNumber);
  });

  it.each([
    [
      'a wrong answer type',
      { ...partialLesion, 'lesion.colour-change': { valueString: 'yes' } },
      'lesion.colour-change',
      'ANSWER_WRONG_TYPE',
    ],
    [
      'an answer not offered',
      { ...partialLesion, 'lesion.growth': { valueCoding: { system: 'x', code: 'huge' } } },
      'lesion.growth',
      'ANSWER_NOT_ALLOWED',
    ],
    [
      'a date in the future',
      { ...partialLesion, 'lesion.onset': { valueDate: '2031-01-01' } },
      'lesion.onset',
      'DATE_IN_FUTURE',
    ],
    [
      'an answer in a branch that does not apply (reported on the branch)',
      { ...partialLesion, 'rash.itching': { valueBoolean: true } },
      'rash',
      'ITEM_DISABLED',
    ],
  ])('a draft save with %s is refused with the field and nothing changes', async (_name, answers, linkId, code) => {
    const { client } = await signUpPatient(t);
    const draft = await createDraft(client);
    const good = await client.put(`/api/cases/${draft.id}/intake`, {
      version: 0,
      response: buildResponse(partialLesion),
    });
    expect(good.statusCode).toBe(200);

    const bad = await client.put(`/api/cases/${draft.id}/intake`, { version: 1, response: buildResponse(answers) });
    const problem = expectProblem(bad, 400, 'INTAKE_INVALID');
    expect(problem.errors).toContainEqual(expect.objectContaining({ linkId, code }));
    const detail = (await client.get(`/api/cases/${draft.id}`)).json();
    expect(detail.intake.version).toBe(1);
    expect(detail.intake.response.item).toEqual(buildResponse(partialLesion).item);
  });

  it('a save over newer answers (another tab) is refused; the newer answers stay', async () => {
    const { client } = await signUpPatient(t);
    const draft = await createDraft(client);
    expect(
      (await client.put(`/api/cases/${draft.id}/intake`, { version: 0, response: buildResponse(partialLesion) }))
        .statusCode,
    ).toBe(200);
    const stale = await client.put(`/api/cases/${draft.id}/intake`, {
      version: 0,
      response: buildResponse(rashAnswers),
    });
    expectProblem(stale, 409, 'INTAKE_VERSION_CONFLICT');
    const detail = (await client.get(`/api/cases/${draft.id}`)).json();
    expect(detail.concern).toBe('lesion');
    expect(detail.intake.version).toBe(1);
  });

  it('the presenting concern follows the answers', async () => {
    const { client } = await signUpPatient(t);
    const draft = await createDraft(client, 'lesion');
    const saved = await client.put(`/api/cases/${draft.id}/intake`, {
      version: 0,
      response: buildResponse(rashAnswers),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await client.get(`/api/cases/${draft.id}`)).json().concern).toBe('rash');
  });

  it('body sites keep their ids when saved again and labels are never taken from the client', async () => {
    const { client } = await signUpPatient(t);
    const draft = await createDraft(client);
    const url = `/api/cases/${draft.id}/body-sites`;
    const first = (await client.put(url, { bodySites: [{ site: '14975008', laterality: 'left' }] })).json().bodySites;
    const second = (
      await client.put(url, {
        bodySites: [{ site: '89545001' }, { site: '14975008', laterality: 'left' }],
      })
    ).json().bodySites;
    expect(second.map((s: { label: string }) => s.label)).toEqual(['Face', 'Left forearm']);
    expect(second[1].id).toBe(first[0].id);
    expectProblem(
      await client.put(url, { bodySites: [{ site: '14975008', label: 'my arm' }] }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await client.put(url, { bodySites: [{ site: '14975008' }] }), 400, 'BODY_SITE_LATERALITY_INVALID');
    expectProblem(await client.put(url, { bodySites: [{ site: '999999999' }] }), 400, 'BODY_SITE_UNKNOWN');
    expectProblem(
      await client.put(url, { bodySites: [{ site: '89545001' }, { site: '89545001' }] }),
      400,
      'BODY_SITE_DUPLICATE',
    );
    expect((await client.get(`/api/cases/${draft.id}`)).json().bodySites).toHaveLength(2);
  });

  it.each([
    ['an unknown field on create', 'POST', '', { concern: 'lesion', status: 'submitted' }],
    ['an unknown concern', 'POST', '', { concern: 'tattoo' }],
    [
      'an unknown field in the intake',
      'PUT',
      '/intake',
      { version: 0, response: buildResponse(partialLesion), extra: 1 },
    ],
    [
      'an unknown field inside an answer',
      'PUT',
      '/intake',
      {
        version: 0,
        response: { ...buildResponse(partialLesion), item: [{ linkId: 'concern', answer: [{ valueFoo: 1 }] }] },
      },
    ],
  ])('%s answers 400', async (_name, method, suffix, body) => {
    const { client } = await signUpPatient(t);
    const draft = suffix ? await createDraft(client) : null;
    const url = draft ? `/api/cases/${draft.id}${suffix}` : '/api/cases';
    expectProblem(await client.request(method, url, body), 400, 'VALIDATION_FAILED');
  });
});
