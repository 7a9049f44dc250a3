// npm run bench:ingest — the server photo pipeline on a 12-megapixel phone JPEG against the bare libvips floor,
// measured in the same run (DESIGN.md "Performance": target ≤ 1.5×), and peak RSS with 8 concurrent pipelines.
//
// pipeline: ingestPhoto through the worker pool = copy to a worker, sniff, header limits, one decode with EXIF
//           orientation, quality gate, metadata removal, master + 2048 preview + 320 thumbnail, seal each with its
//           own data key, write to a blob store in a temporary folder.
// floor:    sharp in this thread: decode, resize to 2048, encode JPEG, with the preview's encoder settings
//           (the same work minus everything the product adds).
// Runs alternate floor / pipeline so a busy machine slows both alike. Last line: one JSON object.
// client_check_ms_p50 (on-device check in Chromium) comes from `npm run bench:client-check`, run after the
// timings above (never during them); null when BENCH_CLIENT_CHECK=0 or when that benchmark cannot run here.
//
// BENCH_RUNS (default 15), BENCH_SHARP_CONCURRENCY (libvips threads; default libvips' own choice).

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { ingestPhoto, PhotoWorkerPool } from '../packages/server/src/modules/images/index.ts';
import { LocalBlobStore } from '../packages/server/src/platform/blob-store.ts';
import { KeyRing } from '../packages/server/src/platform/crypto.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.resolve(repoRoot, '../shared/data/image-quality/sources/lomiri-fig.jpg');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CONCURRENT = 8;
const sharpConcurrency = process.env.BENCH_SHARP_CONCURRENCY ? Number(process.env.BENCH_SHARP_CONCURRENCY) : undefined;
if (sharpConcurrency) sharp.concurrency(sharpConcurrency);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * A phone-like 12 MP JPEG: a real photo enlarged to 4032×3024 with sensor-like noise (so it is not unrealistically
 * smooth to decode), stored sideways with EXIF Orientation 6 and GPS, as an iPhone portrait is.
 */
async function makePhoneJpeg(): Promise<Buffer> {
  const noise = await sharp({
    create: {
      width: 4032,
      height: 3024,
      channels: 3,
      background: '#000000',
      noise: { type: 'gaussian', mean: 128, sigma: 12 },
    },
  })
    .raw()
    .toBuffer();
  return sharp(SOURCE)
    .resize(4032, 3024, { fit: 'cover' })
    .composite([{ input: noise, raw: { width: 4032, height: 3024, channels: 3 }, blend: 'soft-light' }])
    .jpeg({ quality: 92 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'Apple', Model: 'iPhone 13' },
      IFD2: { DateTimeOriginal: '2024:05:01 10:22:33' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
    })
    .toBuffer();
}

function floor(input: Buffer): Promise<Buffer> {
  return sharp(input)
    .resize(2048, 2048, { fit: 'inside' })
    .jpeg({ quality: 85, chromaSubsampling: '4:2:0', optimiseCoding: false, mozjpeg: false })
    .toBuffer();
}

/** The browser benchmark's headline number, from its last line (it prints its own details to stderr here). */
function clientCheckMs(): number | null {
  if (process.env.BENCH_CLIENT_CHECK === '0') return null;
  const run = spawnSync(
    path.join(repoRoot, 'node_modules/.bin/tsx'),
    [path.join(repoRoot, 'bench/bench-client-check.ts')],
    { cwd: repoRoot, encoding: 'utf8', timeout: 10 * 60_000, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = (run.stdout ?? '').trim().split('\n');
  for (const line of lines.slice(0, -1)) console.log(`  client check: ${line}`);
  try {
    const value = (JSON.parse(lines.at(-1) ?? '') as { client_check_ms_p50?: unknown }).client_check_ms_p50;
    return typeof value === 'number' ? value : null;
  } catch {
    console.log(`client check did not run (status ${run.status}); client_check_ms_p50 is null`);
    return null;
  }
}

/** Peak RSS (this process: the worker threads live in it) while `work` runs, sampled every 5 ms. */
async function peakRssDuring(work: () => Promise<unknown>): Promise<number> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage.rss()) / (1024 * 1024);
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-bench-ingest-'));
  const store = new LocalBlobStore({
    dir: path.join(tmp, 'blobs'),
    keyRing: new KeyRing({ id: 'bench', key: randomBytes(32) }),
  });
  const input = await makePhoneJpeg();
  const meta = await sharp(input).metadata();
  console.log(
    `input: ${meta.width}×${meta.height} JPEG, orientation ${meta.orientation}, ${round(input.length / 1e6, 2)} MB; ` +
      `${os.availableParallelism()} cores; libvips threads ${sharp.concurrency()}; ${RUNS} runs each`,
  );

  const pool = new PhotoWorkerPool({ size: 1, ...(sharpConcurrency ? { sharpConcurrency } : {}) });
  try {
    const ingest = async () => {
      const outcome = await ingestPhoto(pool, store, input);
      if (!outcome.stored) throw new Error(`bench photo was not stored: ${outcome.reasons.join(', ')}`);
      return outcome;
    };
    // warm-up: worker start, libvips and V8 caches
    const first = await ingest();
    console.log(
      `pipeline output: ${first.width}×${first.height}, decision ${first.decision} (${first.reasons.join(', ') || 'no reasons'})`,
    );
    await floor(input);

    const floorMs: number[] = [];
    const pipelineMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await floor(input);
      floorMs.push(performance.now() - t);
      t = performance.now();
      await ingest();
      pipelineMs.push(performance.now() - t);
    }
    const pipelineP50 = median(pipelineMs);
    const floorP50 = median(floorMs);
    console.log(
      `floor    p50 ${round(floorP50)} ms  (min ${round(Math.min(...floorMs))}, max ${round(Math.max(...floorMs))})`,
    );
    console.log(
      `pipeline p50 ${round(pipelineP50)} ms  (min ${round(Math.min(...pipelineMs))}, max ${round(Math.max(...pipelineMs))})`,
    );

    const defaultsMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await sharp(input).resize(2048, 2048, { fit: 'inside' }).jpeg().toBuffer();
      defaultsMs.push(performance.now() - t);
    }
    console.log(
      `(for reference: floor with sharp's default JPEG settings, Huffman optimisation on: p50 ${round(median(defaultsMs))} ms)`,
    );
    await pool.close();

    // 8 uploads at once through the server's default pool (one worker per core), then 8 truly parallel workers
    const rssBefore = process.memoryUsage.rss() / (1024 * 1024);
    const serverPool = new PhotoWorkerPool(sharpConcurrency ? { sharpConcurrency } : {});
    await ingestPhoto(serverPool, store, input);
    const peakDefault = await peakRssDuring(() =>
      Promise.all(Array.from({ length: CONCURRENT }, () => ingestPhoto(serverPool, store, input))),
    );
    await serverPool.close();
    const widePool = new PhotoWorkerPool({ size: CONCURRENT, ...(sharpConcurrency ? { sharpConcurrency } : {}) });
    await Promise.all(Array.from({ length: CONCURRENT }, () => ingestPhoto(widePool, store, input)));
    const peakWide = await peakRssDuring(() =>
      Promise.all(Array.from({ length: CONCURRENT }, () => ingestPhoto(widePool, store, input))),
    );
    await widePool.close();
    console.log(
      `peak RSS, ${CONCURRENT} concurrent 12 MP uploads: ${round(peakDefault)} MB with the default pool ` +
        `(${Math.min(4, os.availableParallelism())} workers), ${round(peakWide)} MB with ${CONCURRENT} workers ` +
        `(RSS before: ${round(rssBefore)} MB)`,
    );

    const clientCheck = clientCheckMs();
    console.log(
      JSON.stringify({
        pipeline_ms_p50: round(pipelineP50),
        floor_ms_p50: round(floorP50),
        ratio: round(pipelineP50 / floorP50, 2),
        peak_rss_mb: round(peakWide),
        client_check_ms_p50: clientCheck,
      }),
    );
  } finally {
    await pool.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
