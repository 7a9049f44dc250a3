import type { QueuePage } from '@dermis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { ANSWERS, seedQueue, signedIn, signInNewDermatologist } from './review-test-support.ts';

// Issue 5, "Triage and queue": urgent first then submission order, filters with counts, keyset pages.

let t: TestApp;
let derm: TestClient;
let other: { client: TestClient; id: string };
const ids: Record<string, string> = {};
const T0 = new Date('2026-11-20T08:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  t = await startTestApp();
  const [rashUrgent, hairOld, nailSoon, lesionUrgent, acneChild, hairSenior] = await seedQueue(t, [
    { answers: ANSWERS.urgentRash, submittedAt: at(60), birthDate: '1990-03-01' },
    { answers: ANSWERS.routineHair, submittedAt: at(0), birthDate: '1975-05-05' },
    { answers: ANSWERS.soonNail, submittedAt: at(30), birthDate: '1970-01-01' },
    { answers: ANSWERS.urgentLesion, submittedAt: at(90), birthDate: '1950-01-01' },
    { answers: ANSWERS.soonAcne, submittedAt: at(24 * 60), birthDate: '2012-04-04' },
    { answers: ANSWERS.routineHair, submittedAt: at(2 * 24 * 60), birthDate: '1940-02-02' },
  ]);
  Object.assign(ids, { rashUrgent, hairOld, nailSoon, lesionUrgent, acneChild, hairSenior });
  derm = await signedIn(t, 'dermatologist');
  other = await signInNewDermatologist(t);
  // Claimed by the other dermatologist: still listed, as "claimed by others".
  const claimed = await other.client.post(`/api/review/cases/${nailSoon}/claim`);
  expect(claimed.statusCode, claimed.body).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

async function queue(c: TestClient, query = ''): Promise<QueuePage> {
  const response = await c.get(`/api/review/queue${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as QueuePage;
}

describe('queue order and content', () => {
  it('lists urgent cases first, then everything else in submission order', async () => {
    const page = await queue(derm);
    expect(page.items.map((i) => i.id)).toEqual([
      ids.rashUrgent,
      ids.lesionUrgent,
      ids.hairOld,
      ids.nailSoon,
      ids.acneChild,
      ids.hairSenior,
    ]);
    expect(page.total).toBe(6);
    expect(page.nextCursor).toBeNull();
  });

  it('shows only what is needed to choose: number, concern, age group, priority with reasons, waiting time', async () => {
    const page = await queue(derm);
    const lesion = page.items.find((i) => i.id === ids.lesionUrgent)!;
    expect(lesion).toEqual({
      id: ids.lesionUrgent,
      caseNumber: expect.stringMatching(/^DRM-2026-\d{6}$/),
      concern: 'lesion',
      ageGroup: '65_plus',
      priority: 'urgent',
      reasons: expect.arrayContaining([
        'lesion-rapid-growth',
        'lesion-bleeding',
        'immunosuppressed-new-or-changing-lesion',
      ]),
      submittedAt: at(90).toISOString(),
      waitingSeconds: Math.floor((t.clock.now().getTime() - at(90).getTime()) / 1000),
      review: 'unclaimed',
      resubmittedAt: null,
    });
    // No name, no birth date, no photos.
    expect(JSON.stringify(page)).not.toMatch(/Queued|Patient\d|birth|1950-01-01|image|photo/i);
    expect(page.items.find((i) => i.id === ids.nailSoon)).toMatchObject({ priority: 'soon', review: 'others' });
    expect((await queue(other.client)).items.find((i) => i.id === ids.nailSoon)?.review).toBe('mine');
  });
});

describe('filters and counts', () => {
  it.each([
    { filter: '?concern=rash', expected: ['rashUrgent'] },
    { filter: '?concern=other', expected: ['hairOld', 'nailSoon', 'acneChild', 'hairSenior'] },
    { filter: '?ageGroup=under_18', expected: ['acneChild'] },
    { filter: '?ageGroup=65_plus', expected: ['lesionUrgent', 'hairSenior'] },
    { filter: '?priority=urgent', expected: ['rashUrgent', 'lesionUrgent'] },
    { filter: '?priority=soon', expected: ['nailSoon', 'acneChild'] },
    { filter: '?priority=routine', expected: ['hairOld', 'hairSenior'] },
    { filter: '?review=others', expected: ['nailSoon'] },
    { filter: '?review=mine', expected: [] },
    { filter: '?review=unclaimed&concern=other', expected: ['hairOld', 'acneChild', 'hairSenior'] },
    { filter: '?submittedFrom=2026-11-21', expected: ['acneChild', 'hairSenior'] },
    { filter: '?submittedTo=2026-11-20', expected: ['rashUrgent', 'lesionUrgent', 'hairOld', 'nailSoon'] },
    { filter: '?submittedFrom=2026-11-21&submittedTo=2026-11-21', expected: ['acneChild'] },
  ])('$filter lists exactly its cases, in queue order', async ({ filter, expected }) => {
    const page = await queue(derm, filter);
    expect(page.items.map((i) => i.id)).toEqual(expected.map((k) => ids[k]));
    expect(page.total).toBe(expected.length);
  });

  it('counts each filter value under the other filters', async () => {
    expect((await queue(derm)).counts).toEqual({
      concern: { lesion: 1, rash: 1, other: 4 },
      ageGroup: { under_18: 1, '18_39': 1, '40_64': 2, '65_plus': 2 },
      priority: { urgent: 2, soon: 2, routine: 2 },
      review: { unclaimed: 5, mine: 0, others: 1 },
    });
    // With concern=other: the concern counts keep their siblings, the others narrow to concern=other.
    expect((await queue(derm, '?concern=other')).counts).toEqual({
      concern: { lesion: 1, rash: 1, other: 4 },
      ageGroup: { under_18: 1, '18_39': 0, '40_64': 2, '65_plus': 1 },
      priority: { urgent: 0, soon: 2, routine: 2 },
      review: { unclaimed: 3, mine: 0, others: 1 },
    });
    // The date range narrows every count.
    expect((await queue(derm, '?submittedFrom=2026-11-21')).counts.concern).toEqual({ lesion: 0, rash: 0, other: 2 });
  });

  it.each([
    ['an unknown filter field', '?sort=name'],
    ['an unknown concern', '?concern=tattoo'],
    ['a malformed date', '?submittedFrom=21-11-2026'],
    ['a limit over 100', '?limit=1000'],
  ])('refuses %s with 400', async (_name, query) => {
    const response = await derm.get(`/api/review/queue${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });

  it('refuses a forged cursor with QUEUE_CURSOR_INVALID', async () => {
    const forged = Buffer.from('1|not-a-time|x').toString('base64url');
    const response = await derm.get(`/api/review/queue?cursor=${forged}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('QUEUE_CURSOR_INVALID');
  });
});

describe('counts kept by the trigger', () => {
  it('match a live count of the queue after claims, releases, reassignment, re-triage and withdrawal', async () => {
    const [a, b, c] = await seedQueue(t, [
      { answers: ANSWERS.urgentLesion, submittedAt: at(5) },
      { answers: ANSWERS.soonAcne, submittedAt: at(6) },
      { answers: ANSWERS.routineHair, submittedAt: at(7) },
    ]);
    await derm.post(`/api/review/cases/${a}/claim`);
    await derm.post(`/api/review/cases/${b}/claim`);
    await derm.post(`/api/review/cases/${b}/release`);
    await t.p.db.query("UPDATE cases SET status = 'withdrawn' WHERE id = $1", [c]);
    await t.p.db.query("UPDATE cases SET triage_priority = 'urgent' WHERE id = $1", [b]);
    const kept = await t.p.db.query(
      `SELECT day::text, concern, age_group, triage_priority, is_claimed, n FROM review_queue_counts WHERE n <> 0
       ORDER BY 1, 2, 3, 4, 5`,
    );
    const live = await t.p.db.query(
      `SELECT (submitted_at AT TIME ZONE 'UTC')::date::text AS day, concern, COALESCE(age_group, '') AS age_group,
         triage_priority, assigned_to IS NOT NULL AS is_claimed, count(*)::int AS n
       FROM cases WHERE status IN ('submitted', 'in_review') GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    );
    expect(kept.rows).toEqual(live.rows);
    const totals = await t.p.db.query(
      `SELECT concern, age_group, triage_priority, is_claimed, n FROM review_queue_totals WHERE n <> 0
       ORDER BY 1, 2, 3, 4`,
    );
    const liveTotals = await t.p.db.query(
      `SELECT concern, COALESCE(age_group, '') AS age_group, triage_priority, assigned_to IS NOT NULL AS is_claimed,
         count(*)::int AS n
       FROM cases WHERE status IN ('submitted', 'in_review') GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );
    expect(totals.rows).toEqual(liveTotals.rows);
    const page = await queue(derm);
    expect(page.counts.review).toEqual({ unclaimed: page.total - 2, mine: 1, others: 1 });
    await derm.post(`/api/review/cases/${a}/release`);
    await t.p.db.query("UPDATE cases SET triage_priority = 'soon' WHERE id = $1", [b]);
  });
});

describe('access', () => {
  it.each(['patient', 'referring_clinician', 'admin', 'auditor'])('%s does not see the queue (404)', async (role) => {
    const response = await (await signedIn(t, role)).get('/api/review/queue');
    expect(response.statusCode).toBe(404);
  });

  it('every queue read is audited', async () => {
    await queue(derm, '?priority=urgent');
    const { rows } = await t.p.db.query<{ action: string; object_type: string; outcome: string; patient_id: null }>(
      "SELECT action, object_type, outcome, patient_id FROM audit_log WHERE action = 'review.queue.read' ORDER BY seq DESC LIMIT 1",
    );
    expect(rows[0]).toEqual({
      action: 'review.queue.read',
      object_type: 'queue',
      outcome: 'success',
      patient_id: null,
    });
  });
});

describe('keyset pagination', () => {
  it('pages cover every row exactly once, in order, even when many share a submission time', async () => {
    const tie = at(3 * 24 * 60);
    const tied = await seedQueue(t, [
      ...Array.from({ length: 7 }, () => ({ answers: ANSWERS.routineHair, submittedAt: tie })),
      ...Array.from({ length: 5 }, () => ({ answers: ANSWERS.urgentRash, submittedAt: tie })),
    ]);
    const all = (await queue(derm, '?limit=100')).items.map((i) => i.id);
    expect(all).toHaveLength(20);
    expect(all).toEqual(expect.arrayContaining(tied));
    for (const limit of [1, 4, 5]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: QueuePage = await queue(derm, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(seen, `limit ${limit}`).toEqual(all);
    }
    // Urgent (7 of them) before the rest; within a rank, submission order.
    const first = await queue(derm, '?limit=7');
    expect(first.items.every((i) => i.priority === 'urgent')).toBe(true);
  });

  it('a filtered walk also covers its rows once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: QueuePage = await queue(derm, `?concern=rash&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength((await queue(derm, '?concern=rash&limit=100')).total);
    expect(seen).toHaveLength(6);
  });
});
