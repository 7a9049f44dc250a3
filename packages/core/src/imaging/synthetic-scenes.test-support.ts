// Synthetic luma scenes for the imaging unit tests: no files, deterministic.

/** Deterministic pseudo-random numbers (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

import { toAnalysisLuma } from './luminance.ts';

/**
 * Discs of many sizes and greys on a mid-grey ground with fine grain (like skin texture or sensor grain): sharp
 * edges in every direction. Drawn at 4× and reduced by area averaging, as a camera and the analysis downscale
 * do, so edges fall between pixels at random phases. (Clean, grain-free pixel steps read about 0.7 px: the
 * estimator's floor, see blur-metrics.ts; real photos always carry some fine texture.)
 */
export function discScene(width: number, height: number, seed = 7): Float32Array {
  const big = drawDiscs(width * 4, height * 4, seed);
  return toAnalysisLuma({ width: width * 4, height: height * 4, channels: 1, data: big }, { width, height }).luma;
}

function drawDiscs(width: number, height: number, seed: number): Float32Array {
  const rnd = seeded(seed);
  const luma = new Float32Array(width * height).fill(128);
  const count = Math.round((width * height) / 24000);
  for (let k = 0; k < count; k++) {
    const cx = rnd() * width;
    const cy = rnd() * height;
    const r = 16 + rnd() * 120;
    const v = 30 + rnd() * 200;
    for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(height - 1, Math.ceil(cy + r)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(width - 1, Math.ceil(cx + r)); x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) luma[y * width + x] = v;
      }
    }
  }
  for (let i = 0; i < luma.length; i++) luma[i] = Math.min(255, Math.max(0, luma[i]! + (rnd() - 0.5) * 60));
  return luma;
}

/** Box blur of radius r along x, y or both (a 1-D box is linear motion blur). */
export function boxBlur(
  src: Float32Array,
  width: number,
  height: number,
  r: number,
  axes: 'xy' | 'x' | 'y' = 'xy',
): Float32Array {
  let out = src;
  if (r <= 0) return Float32Array.from(src);
  const pass = (input: Float32Array, horizontal: boolean) => {
    const res = new Float32Array(input.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let acc = 0;
        for (let k = -r; k <= r; k++) {
          const xx = horizontal ? Math.min(width - 1, Math.max(0, x + k)) : x;
          const yy = horizontal ? y : Math.min(height - 1, Math.max(0, y + k));
          acc += input[yy * width + xx]!;
        }
        res[y * width + x] = acc / (2 * r + 1);
      }
    }
    return res;
  };
  if (axes.includes('x')) out = pass(out, true);
  if (axes.includes('y')) out = pass(out, false);
  return out;
}

export function scaleLuma(src: Float32Array, gain: number, offset = 0): Float32Array {
  return src.map((v) => Math.min(255, Math.max(0, v * gain + offset)));
}
