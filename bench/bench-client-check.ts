// npm run bench:client-check — the on-device photo check (DESIGN.md "Performance": ≤ 150 ms for 12 MP in Chromium).
//
// Runs the production worker the web build emits (packages/web/dist/assets/quality-worker-*.js, built if missing)
// in headless Chromium on a 4032×3024 JPEG made here with sharp: size/orientation from the JPEG header → ImageDecoder
// at a DCT-scaled size ≥ 1600 px (shrink-on-load) → createImageBitmap resize to 1600 px → getImageData → core's
// toAnalysisLuma + assessPhotoQuality (see quality-worker.ts). Timed in the page from postMessage to the
// answer (what the patient waits for), one warm-up then BENCH_RUNS (default 5) runs. Last line: one JSON object.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import sharp from 'sharp';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.resolve(repoRoot, '../shared/data/image-quality/sources/scipy-raccoon.jpg');
const DIST = path.join(repoRoot, 'packages/web/dist');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function workerFile(): string | undefined {
  const assets = path.join(DIST, 'assets');
  return fs.existsSync(assets) ? fs.readdirSync(assets).find((f) => /^quality-worker-.*\.js$/.test(f)) : undefined;
}

if (!workerFile()) execFileSync('npm', ['run', 'build:web'], { cwd: repoRoot, stdio: 'inherit' });
const worker = workerFile();
if (!worker) throw new Error('the web build emitted no quality-worker-*.js');

const photo = await sharp(SOURCE).resize(4032, 3024, { fit: 'fill' }).jpeg({ quality: 92 }).toBuffer();

const page = `<!doctype html><meta charset="utf-8"><title>client check bench</title>
<script type="module">
  const blob = await (await fetch('/photo.jpg')).blob();
  const file = new File([blob], 'photo.jpg', { type: 'image/jpeg' });
  const worker = new Worker('/assets/${worker}', { type: 'module' });
  let id = 0;
  window.checkOnce = () => new Promise((resolve) => {
    const mine = ++id;
    const started = performance.now();
    worker.onmessage = (event) => {
      if (event.data.id !== mine) return;
      resolve({ roundTrip: performance.now() - started, inWorker: event.data.ms, kind: event.data.kind,
        decision: event.data.assessment?.decision, blur: event.data.assessment?.metrics.blurRadius, reasons: event.data.assessment?.reasons, stages: event.data.stages });
    };
    worker.postMessage({ id: mine, file });
  });
  window.ready = true;
</script>`;

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://bench');
  if (url.pathname === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(page);
  if (url.pathname === '/photo.jpg') return response.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
  const file = path.join(DIST, path.normalize(url.pathname));
  if (url.pathname.startsWith('/assets/') && file.startsWith(DIST) && fs.existsSync(file)) {
    return response.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(file));
  }
  response.writeHead(404).end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
type Stages = { decode: number; shrink: number; gate: number };
type Run = { roundTrip: number; inWorker: number; kind: string; decision?: string; blur?: number; stages?: Stages };
const runs: Run[] = [];
try {
  const tab = await browser.newPage();
  await tab.goto(base);
  await tab.waitForFunction('window.ready === true');
  await tab.evaluate('window.checkOnce()'); // warm-up: worker start, module compile
  for (let i = 0; i < RUNS; i++) {
    const run = (await tab.evaluate('window.checkOnce()')) as Run;
    runs.push(run);
    const st = run.stages;
    const where = st
      ? `: decode ${st.decode.toFixed(0)}, shrink ${st.shrink.toFixed(0)}, gate ${st.gate.toFixed(0)}`
      : '';
    console.log(
      `run ${i + 1}: ${run.roundTrip.toFixed(1)} ms (in worker ${run.inWorker.toFixed(1)} ms${where}) → ${run.decision ?? run.kind}`,
    );
  }
} finally {
  await browser.close();
  server.close();
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    client_check_ms_p50: round1(median(runs.map((r) => r.roundTrip))),
    worker_ms_p50: round1(median(runs.map((r) => r.inWorker))),
    runs: runs.length,
    width: 4032,
    height: 3024,
    decision: runs[0]?.decision ?? runs[0]?.kind,
  }),
);
