// npm run bench:gate — time of the core photo quality gate (its own JavaScript) on the analysis image of a
// 12 MP photo: median over repeated runs, in Node. The browser runs the same code in a Web Worker.
// Input: a deterministic 4000×3000 RGBA test scene (discs of many sizes and greys, fine grain), reduced to the
// 800×600 analysis luma by core's toAnalysisLuma, exactly as the web client reduces a decoded canvas.
// Last line: one JSON object with the headline numbers.

import { assessPhotoQuality, toAnalysisLuma } from '../packages/core/src/imaging/index.ts';
import { seeded } from '../packages/core/src/imaging/synthetic-scenes.test-support.ts';

const WIDTH = 4000;
const HEIGHT = 3000;
const RUNS = 40;
const WARMUP = 8;

function scene12mp(): Uint8ClampedArray {
  const rnd = seeded(12);
  const grey = new Float32Array(WIDTH * HEIGHT).fill(128);
  for (let k = 0; k < 500; k++) {
    const cx = rnd() * WIDTH;
    const cy = rnd() * HEIGHT;
    const r = 20 + rnd() * 150;
    const v = 30 + rnd() * 200;
    for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(HEIGHT - 1, Math.ceil(cy + r)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(WIDTH - 1, Math.ceil(cx + r)); x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) grey[y * WIDTH + x] = v;
      }
    }
  }
  const data = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
  for (let i = 0; i < WIDTH * HEIGHT; i++) {
    const v = grey[i]! + (rnd() - 0.5) * 40;
    data[i * 4] = v + 8;
    data[i * 4 + 1] = v;
    data[i * 4 + 2] = v - 8;
    data[i * 4 + 3] = 255;
  }
  return data;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const data = scene12mp();
const lumaMs: number[] = [];
const gateMs: number[] = [];
let decision = '';
for (let run = 0; run < WARMUP + RUNS; run++) {
  const t0 = performance.now();
  const analysis = toAnalysisLuma({ width: WIDTH, height: HEIGHT, channels: 4, data });
  const t1 = performance.now();
  const result = assessPhotoQuality({
    width: WIDTH,
    height: HEIGHT,
    luma: analysis.luma,
    brightest: analysis.brightest,
    analysisWidth: analysis.width,
    analysisHeight: analysis.height,
  });
  const t2 = performance.now();
  decision = result.decision;
  if (run >= WARMUP) {
    lumaMs.push(t1 - t0);
    gateMs.push(t2 - t1);
  }
}
const round = (x: number) => Math.round(x * 10) / 10;
console.log(
  `gate on the 800×600 analysis image of a ${WIDTH}×${HEIGHT} photo: median ${round(median(gateMs))} ms (min ${round(Math.min(...gateMs))}, max ${round(Math.max(...gateMs))}) over ${RUNS} runs; decision ${decision}`,
);
console.log(`toAnalysisLuma from 12 MP RGBA (the browser's reduction step): median ${round(median(lumaMs))} ms`);
console.log(
  JSON.stringify({
    gate_ms_p50: round(median(gateMs)),
    to_analysis_luma_12mp_ms_p50: round(median(lumaMs)),
    check_ms_p50: round(median(gateMs) + median(lumaMs)),
    runs: RUNS,
  }),
);
