import { createHash, randomUUID } from 'node:crypto';
import type { Platform } from './context.ts';
import type { Sql } from './db.ts';

/**
 * Transactional outbox (DESIGN.md "Jobs"): a job is written in the same transaction as the change
 * that causes it, claimed with FOR UPDATE SKIP LOCKED, delivered at least once, retried with
 * exponential backoff, and dead-lettered after the last attempt for an admin to see and retry.
 */
export interface OutboxEvent {
  /** The event id; enqueueing the same id twice is a no-op (de-duplication). */
  id?: string;
  topic: string;
  /** Ids only, never PHI: the handler re-reads what it needs. */
  payload: Record<string, string | number | boolean | null>;
}

export type JobResult = 'done' | 'skipped';
export type JobHandler = (payload: OutboxEvent['payload'], ctx: { eventId: string; p: Platform }) => Promise<JobResult>;

/**
 * An event id derived from a name (a UUID of version-8 layout made from its SHA-256): the same name gives the same
 * id, so enqueueing "the same" job twice — a redelivered fan-out, a second request for one schedule slot — is a
 * no-op.
 */
export function derivedEventId(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function enqueue(tx: Sql, now: Date, event: OutboxEvent): Promise<string> {
  const id = event.id ?? randomUUID();
  await tx.query(
    `INSERT INTO outbox (id, topic, payload, available_at, created_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (id) DO NOTHING`,
    [id, event.topic, JSON.stringify(event.payload), now],
  );
  return id;
}

// A claimed job is hidden for this long; if its worker dies, another takes it after the lease.
const LEASE_SECONDS = 300;

interface ClaimedJob {
  id: string;
  topic: string;
  payload: OutboxEvent['payload'];
  attempts: number;
}

/** Exponential backoff with full jitter, capped at one hour. */
export function backoffSeconds(base: number, attempts: number, random = Math.random): number {
  const ceiling = Math.min(3600, base * 2 ** Math.max(0, attempts - 1));
  return Math.max(1, Math.round(ceiling * (0.5 + random() / 2)));
}

/** Error text kept for admins: the error's type and code only; messages can carry addresses. */
function describeError(error: unknown): string {
  const e = error as { name?: string; code?: string; responseCode?: number };
  return [e?.name ?? 'Error', e?.code, e?.responseCode].filter((x) => x !== undefined).join(' ');
}

export async function runOutboxOnce(
  p: Platform,
  handlers: Record<string, JobHandler>,
  batchSize = 10,
): Promise<{ done: number; failed: number }> {
  const now = p.clock.now();
  const { rows: jobs } = await p.db.query<ClaimedJob>(
    `UPDATE outbox SET attempts = attempts + 1, available_at = $2
     WHERE id IN (
       SELECT id FROM outbox WHERE status = 'pending' AND available_at <= $1
       ORDER BY available_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING id, topic, payload, attempts`,
    [now, new Date(now.getTime() + LEASE_SECONDS * 1000), batchSize],
  );
  let done = 0;
  let failed = 0;
  for (const job of jobs) {
    const handler = handlers[job.topic];
    try {
      if (!handler) throw Object.assign(new Error('no handler'), { name: 'UnknownTopic' });
      const result = await handler(job.payload, { eventId: job.id, p });
      await p.db.query(`UPDATE outbox SET status = 'done', done_at = $2, last_error = NULL WHERE id = $1`, [
        job.id,
        p.clock.now(),
      ]);
      p.log.info({ jobId: job.id, topic: job.topic, result }, 'job finished');
      done++;
    } catch (error) {
      failed++;
      const isDead = job.attempts >= p.config.outbox.maxAttempts;
      const retryAt = new Date(
        p.clock.now().getTime() + backoffSeconds(p.config.outbox.baseBackoffSeconds, job.attempts) * 1000,
      );
      await p.db.query(`UPDATE outbox SET status = $2, available_at = $3, last_error = $4 WHERE id = $1`, [
        job.id,
        isDead ? 'dead' : 'pending',
        retryAt,
        describeError(error),
      ]);
      p.log.warn({ jobId: job.id, topic: job.topic, attempts: job.attempts, dead: isDead, err: error }, 'job failed');
    }
  }
  return { done, failed };
}

/** Polls until stopped. `dermis start` runs one in-process; `dermis worker` runs it alone. */
export function startOutboxWorker(p: Platform, handlers: Record<string, JobHandler>): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    try {
      // Drain while there is work, then sleep.
      for (;;) {
        const { done, failed } = await runOutboxOnce(p, handlers);
        if (done + failed === 0 || stopped) break;
      }
    } catch (error) {
      p.log.error({ err: error }, 'outbox poll failed');
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), p.config.outbox.pollMs);
  };
  running = tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export async function listJobs(db: Sql, status: 'pending' | 'done' | 'dead', limit = 100) {
  const { rows } = await db.query<{
    id: string;
    topic: string;
    status: 'pending' | 'done' | 'dead';
    attempts: number;
    last_error: string | null;
    created_at: Date;
    available_at: Date;
  }>(
    `SELECT id, topic, status, attempts, last_error, created_at, available_at FROM outbox
     WHERE status = $1 ORDER BY created_at DESC LIMIT $2`,
    [status, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    availableAt: r.available_at.toISOString(),
  }));
}

/** Puts a dead-lettered job back in the queue with a fresh attempt budget. */
export async function retryDeadJob(tx: Sql, id: string, now: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE outbox SET status = 'pending', attempts = 0, available_at = $2 WHERE id = $1 AND status = 'dead'`,
    [id, now],
  );
  return rowCount === 1;
}
