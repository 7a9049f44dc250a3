import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { closePlatform, openPlatform } from './bootstrap.ts';
import type { Platform } from './context.ts';
import { enqueue, type JobHandler, runOutboxOnce } from './outbox.ts';

const MAX_ATTEMPTS = 4;
const BASE_BACKOFF = 10;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    env: { OUTBOX_MAX_ATTEMPTS: String(MAX_ATTEMPTS), OUTBOX_BACKOFF_SECONDS: String(BASE_BACKOFF) },
  });
});
afterAll(async () => {
  await t.close();
});
// Each test starts with an empty queue: a job left by one test would be claimed by the next one's worker.
beforeEach(async () => {
  await t.p.db.query('DELETE FROM outbox');
});

interface JobRow {
  status: string;
  attempts: number;
  available_at: Date;
  last_error: string | null;
  payload: Record<string, unknown>;
}

async function job(id: string): Promise<JobRow | undefined> {
  const { rows } = await t.p.db.query<JobRow>(
    'SELECT status, attempts, available_at, last_error, payload FROM outbox WHERE id = $1',
    [id],
  );
  return rows[0];
}

async function enqueueCommitted(topic: string, payload: Record<string, string> = {}, id?: string) {
  return t.p.db.transaction((tx) => enqueue(tx, t.clock.now(), { topic, payload, ...(id ? { id } : {}) }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('enqueue', () => {
  it('writes the job only if the transaction commits', async () => {
    const rolledBack = randomUUID();
    await expect(
      t.p.db.transaction(async (tx) => {
        await enqueue(tx, t.clock.now(), { id: rolledBack, topic: 'test.noop', payload: {} });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await job(rolledBack)).toBeUndefined();

    const committed = await enqueueCommitted('test.noop');
    expect(await job(committed)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('de-duplicates by event id: the same event twice is one job, run once, even when replayed later', async () => {
    const id = randomUUID();
    expect(await enqueueCommitted('test.once', { n: 'first' }, id)).toBe(id);
    expect(await enqueueCommitted('test.once', { n: 'second' }, id)).toBe(id);
    const { rows } = await t.p.db.query('SELECT 1 FROM outbox WHERE id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect((await job(id))!.payload).toEqual({ n: 'first' });

    const handler = vi.fn<JobHandler>(async () => 'done');
    expect(await runOutboxOnce(t.p, { 'test.once': handler })).toEqual({ done: 1, failed: 0 });
    await enqueueCommitted('test.once', { n: 'replay' }, id);
    t.clock.advance(3600);
    expect(await runOutboxOnce(t.p, { 'test.once': handler })).toEqual({ done: 0, failed: 0 });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]![0]).toEqual({ n: 'first' });
    expect((await job(id))!.status).toBe('done');
  });
});

describe('runOutboxOnce with several workers', () => {
  it('never runs the same job twice across concurrent workers', async () => {
    // On PostgreSQL the second worker is a second platform (its own connection pool) on the same
    // database; embedded allows one process, so there the workers share the platform.
    const second: Platform = t.p.config.databaseUrl
      ? await openPlatform(t.p.config, {
          clock: t.clock,
          inMemory: true,
          logStream: new Writable({ write: (_c, _e, cb) => cb() }) as never,
        })
      : t.p;
    try {
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) ids.push(await enqueueCommitted('test.count', { i: String(i) }));

      const runs = new Map<string, number>();
      const byWorker = { a: 0, b: 0 };
      const handlerFor =
        (worker: 'a' | 'b'): JobHandler =>
        async (_payload, { eventId }) => {
          runs.set(eventId, (runs.get(eventId) ?? 0) + 1);
          byWorker[worker]++;
          await sleep(Math.random() * 5);
          return 'done';
        };
      for (let round = 0; round < 50; round++) {
        const results = await Promise.all([
          runOutboxOnce(t.p, { 'test.count': handlerFor('a') }, 5),
          runOutboxOnce(second, { 'test.count': handlerFor('b') }, 5),
          runOutboxOnce(t.p, { 'test.count': handlerFor('a') }, 5),
          runOutboxOnce(second, { 'test.count': handlerFor('b') }, 5),
        ]);
        if (results.every((r) => r.done + r.failed === 0)) break;
      }

      expect([...runs.keys()].sort()).toEqual([...ids].sort());
      expect([...runs.values()].filter((n) => n !== 1)).toEqual([]);
      expect(byWorker.a).toBeGreaterThan(0);
      expect(byWorker.b).toBeGreaterThan(0);
      const { rows } = await t.p.db.query<{ status: string; n: number }>(
        "SELECT status, count(*)::int AS n FROM outbox WHERE topic = 'test.count' GROUP BY status",
      );
      expect(rows).toEqual([{ status: 'done', n: 50 }]);
    } finally {
      if (second !== t.p) await closePlatform(second);
    }
  });

  it('hides a claimed job for the lease, then lets another worker take it if the first one died', async () => {
    const id = await enqueueCommitted('test.lease');
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const handlers: Record<string, JobHandler> = {
      'test.lease': async () => {
        calls++;
        if (calls === 1) await stuck;
        return 'done';
      },
    };
    const firstWorker = runOutboxOnce(t.p, handlers);
    await vi.waitFor(() => expect(calls).toBe(1));

    expect(await runOutboxOnce(t.p, handlers)).toEqual({ done: 0, failed: 0 });
    t.clock.advance(299);
    expect(await runOutboxOnce(t.p, handlers)).toEqual({ done: 0, failed: 0 });
    t.clock.advance(2);
    expect(await runOutboxOnce(t.p, handlers)).toEqual({ done: 1, failed: 0 });
    expect(calls).toBe(2);

    release();
    await firstWorker;
    expect((await job(id))!.status).toBe('done');
  });
});

describe('failing jobs', () => {
  // The message names a person, as a real SMTP error might ("mailbox alex.morgan@... unavailable").
  const PHI_MESSAGE = '550 mailbox alex.morgan@example.org unavailable (patient Alex Morgan)';
  const failing: JobHandler = async () => {
    throw Object.assign(new Error(PHI_MESSAGE), { code: 'EENVELOPE', responseCode: 550 });
  };

  /** Fails a job until it is dead, returning the wait before each retry in seconds. */
  async function failUntilDead(id: string, handlers: Record<string, JobHandler>): Promise<number[]> {
    const waits: number[] = [];
    expect(await runOutboxOnce(t.p, handlers)).toEqual({ done: 0, failed: 1 });
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const row = (await job(id))!;
      expect(row).toMatchObject({ status: 'pending', attempts: attempt });
      const wait = (row.available_at.getTime() - t.clock.now().getTime()) / 1000;
      waits.push(wait);
      // Not before it is due...
      t.clock.advance(wait - 1);
      expect(await runOutboxOnce(t.p, handlers)).toEqual({ done: 0, failed: 0 });
      // ...and as soon as it is.
      t.clock.advance(1);
      expect(await runOutboxOnce(t.p, handlers)).toEqual({ done: 0, failed: 1 });
    }
    return waits;
  }

  it('are retried with growing backoff and dead-lettered after OUTBOX_MAX_ATTEMPTS', async () => {
    const id = await enqueueCommitted('test.fail');
    const handler = vi.fn(failing);
    const waits = await failUntilDead(id, { 'test.fail': handler });

    expect(handler).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    waits.forEach((wait, i) => {
      const ceiling = BASE_BACKOFF * 2 ** i;
      expect(wait, `wait after attempt ${i + 1}`).toBeGreaterThanOrEqual(ceiling / 2);
      expect(wait, `wait after attempt ${i + 1}`).toBeLessThanOrEqual(ceiling);
    });
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThanOrEqual(waits[i - 1]!);

    expect(await job(id)).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS });
    t.clock.advance(24 * 3600);
    expect(await runOutboxOnce(t.p, { 'test.fail': handler })).toEqual({ done: 0, failed: 0 });
    expect(handler).toHaveBeenCalledTimes(MAX_ATTEMPTS);
  });

  it('keep only the error type and code, never the message, in the table and the logs', async () => {
    const id = await enqueueCommitted('test.fail');
    await runOutboxOnce(t.p, { 'test.fail': failing });
    const { last_error } = (await job(id))!;
    expect(last_error).toBe('Error EENVELOPE 550');
    for (const fragment of ['alex.morgan', 'Alex Morgan', 'mailbox', 'unavailable']) {
      expect(last_error).not.toContain(fragment);
      expect(t.logs.join('\n')).not.toContain(fragment);
    }
    expect(t.logs.some((line) => line.includes('job failed') && line.includes(id))).toBe(true);
  });

  it('with no handler for their topic are retried and dead-lettered, not lost', async () => {
    const id = await enqueueCommitted('test.unknown-topic');
    await failUntilDead(id, {});
    expect(await job(id)).toMatchObject({ status: 'dead', last_error: 'UnknownTopic' });
  });
});

describe('dead letters for admins', () => {
  it('an admin sees a dead job and puts it back in the queue; only dead jobs can be retried', async () => {
    const id = await enqueueCommitted('test.flaky');
    let isHealthy = false;
    const handlers: Record<string, JobHandler> = {
      'test.flaky': async () => {
        if (!isHealthy) throw Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
        return 'done';
      },
    };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await runOutboxOnce(t.p, handlers);
      t.clock.advance(3600);
    }
    expect((await job(id))!.status).toBe('dead');

    const admin = t.client();
    await admin.signInAs(t.clock, 'admin');
    const dead = await admin.get('/api/admin/outbox?status=dead');
    expect(dead.statusCode).toBe(200);
    expect(dead.headers['cache-control']).toBe('no-store');
    expect(dead.json().jobs).toEqual([
      expect.objectContaining({
        id,
        topic: 'test.flaky',
        status: 'dead',
        attempts: MAX_ATTEMPTS,
        lastError: 'Error ECONNREFUSED',
      }),
    ]);
    expect(dead.json().jobs[0]).not.toHaveProperty('payload');

    const retried = await admin.post(`/api/admin/outbox/${id}/retry`);
    expect(retried.statusCode).toBe(204);
    expect(await job(id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await admin.get('/api/admin/outbox?status=dead')).json().jobs).toEqual([]);
    expect((await admin.get('/api/admin/outbox?status=pending')).json().jobs.map((j: { id: string }) => j.id)).toEqual([
      id,
    ]);
    const { rows: audit } = await t.p.db.query(
      "SELECT 1 FROM audit_log WHERE action = 'outbox.retry' AND object_id = $1 AND outcome = 'success'",
      [id],
    );
    expect(audit).toHaveLength(1);

    // A pending job is not retryable; neither is one that is done, nor one that does not exist.
    const again = await admin.post(`/api/admin/outbox/${id}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('JOB_NOT_RETRYABLE');
    expect(again.headers['content-type']).toContain('application/problem+json');

    isHealthy = true;
    expect(await runOutboxOnce(t.p, handlers)).toEqual({ done: 1, failed: 0 });
    expect((await job(id))!.status).toBe('done');
    expect((await admin.post(`/api/admin/outbox/${id}/retry`)).json().code).toBe('JOB_NOT_RETRYABLE');
    expect((await admin.post(`/api/admin/outbox/${randomUUID()}/retry`)).json().code).toBe('JOB_NOT_RETRYABLE');
  });

  it.each([
    ['a patient', 'patient'],
    ['a dermatologist', 'dermatologist'],
    ['an auditor', 'auditor'],
  ])('%s cannot see or retry jobs (404)', async (_name, role) => {
    const id = await enqueueCommitted('test.noop');
    const c = t.client();
    await c.signInAs(t.clock, role);
    expect((await c.get('/api/admin/outbox?status=dead')).statusCode).toBe(404);
    expect((await c.post(`/api/admin/outbox/${id}/retry`)).statusCode).toBe(404);
    expect((await t.client().get('/api/admin/outbox?status=dead')).statusCode).toBe(401);
  });

  it('refuses an unknown status filter', async () => {
    const admin = t.client();
    await admin.signInAs(t.clock, 'admin');
    const response = await admin.get('/api/admin/outbox?status=everything');
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });
});
