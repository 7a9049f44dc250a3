// Sharpness metrics on analysis-size luma (see luminance.ts for the input contract).
//
// The gate's blur decision rests on `estimateBlurRadius`: an estimate of the blur's standard deviation in
// analysis pixels, from the gradient ratio of the photo and a copy blurred again by a known amount (Zhuo & Sim,
// "Defocus map estimation from a single image", Pattern Recognition 2011). For an edge already blurred by σ,
// re-blurring by σ0 lowers the peak gradient by R = √(σ² + σ0²) / σ, so σ = σ0 / √(R² − 1). A ratio does not
// change when the photo is darker or has less contrast, which is why dark or smooth skin is not called blurry
// the way a raw variance of the Laplacian calls it. Measured per edge direction, it also sees motion blur,
// which only softens edges across the direction of movement.

import type { LumaImage } from './luminance.ts';

/** Blur added for the comparison, in analysis pixels. */
const REBLUR_SIGMA = 1;
/** Edge directions measured (gradient angle, degrees): motion blur shows in the one closest to the motion. */
const DIRECTION_COUNT = 4;
/** A direction needs this many edge points to be judged; fewer and it is left out. */
const MIN_EDGES_PER_DIRECTION = 60;
/**
 * Gradients below this (grey levels per pixel) are quantisation steps, not edges: a one-level step reads 0.5, and a
 * nearly flat frame saved as JPEG (a photo blurred beyond recognition) is made of such steps, which would otherwise
 * read as crisp edges. Two levels is still far below the contrast of a lesion border on the darkest skin.
 */
const MIN_EDGE_GRADIENT = 1.0;
/** Estimates are capped: beyond this many pixels the photo is plainly unusable, and ratios get noisy. */
export const MAX_BLUR_RADIUS = 8;

/** Normalised 1-D Gaussian kernel of radius ⌈3σ⌉. */
function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const v = Math.exp(-(i * i) / (2 * sigma * sigma));
    kernel[i + radius] = v;
    sum += v;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= sum;
  return kernel;
}

/** Horizontal half of the separable blur, clamped at the left and right borders. */
function blurRows(src: Float32Array, width: number, height: number, kernel: Float32Array): Float32Array {
  const radius = (kernel.length - 1) >> 1;
  const out = new Float32Array(src.length);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let x = 0; x < width; x++) {
      let acc = 0;
      if (x >= radius && x < width - radius) {
        // the kernel is symmetric: pair the taps either side of the centre (half the multiplications)
        const c = o + x;
        acc = kernel[radius]! * src[c]!;
        for (let k = 1; k <= radius; k++) acc += kernel[radius + k]! * (src[c - k]! + src[c + k]!);
      } else {
        for (let k = -radius; k <= radius; k++) {
          const xx = x + k < 0 ? 0 : x + k >= width ? width - 1 : x + k;
          acc += kernel[k + radius]! * src[o + xx]!;
        }
      }
      out[o + x] = acc;
    }
  }
  return out;
}

/** Separable Gaussian blur with clamped edges. */
export function gaussianBlur(src: Float32Array, width: number, height: number, sigma: number): Float32Array {
  const kernel = gaussianKernel(sigma);
  const radius = (kernel.length - 1) >> 1;
  const tmp = blurRows(src, width, height, kernel);
  const out = new Float32Array(src.length);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let k = -radius; k <= radius; k++) {
      const yy = y + k < 0 ? 0 : y + k >= height ? height - 1 : y + k;
      const w = kernel[k + radius]!;
      const r = yy * width;
      for (let x = 0; x < width; x++) out[o + x]! += w * tmp[r + x]!;
    }
  }
  return out;
}

/** Variance of the 4-neighbour Laplacian: the classic sharpness number, reported for comparison. */
export function laplacianVariance({ width, height, luma }: LumaImage): number {
  let sum = 0;
  let sum2 = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const v = luma[i - 1]! + luma[i + 1]! + luma[i - width]! + luma[i + width]! - 4 * luma[i]!;
      sum += v;
      sum2 += v * v;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sum2 / n - mean * mean;
}

export interface BlurRadiusEstimate {
  /** Blur radius (σ, analysis px) in the worst edge direction: the number the gate judges. NaN without detail. */
  radius: number;
  /** Median over the judged directions: the isotropic (defocus) part. */
  isotropicRadius: number;
  /** The sharpest part of the frame (see estimateBlurRadius): low when the subject is in focus. NaN without detail. */
  regionRadius: number;
  /** Per direction (gradient angle 0°, 45°, 90°, 135°); NaN where too few edges were found. */
  byDirection: number[];
  /** Edge points measured. */
  edgeCount: number;
  /** False when no direction had enough edges to judge: a flat frame (lens cap, blank wall, blown out). */
  hasDetail: boolean;
}

export interface BlurRadiusOptions {
  /** Quantile of the edge estimates kept per direction (low = the sharpest edges). */
  sharpQuantile?: number;
  /** Fraction of the strongest gradients per direction treated as edge candidates. */
  edgeFraction?: number;
}

const TAN_22_5 = Math.SQRT2 - 1;
/** Gradient histogram resolution: bins per grey level per pixel, and its range. */
const HIST_BINS_PER_LEVEL = 4;
const HIST_BINS = 256 * HIST_BINS_PER_LEVEL;
/** Side of the square regions (analysis px) in which the sharpest part of the frame is looked for. */
export const REGION_SIZE = 64;
/** A region needs this many edge points to be judged. */
const MIN_EDGES_PER_REGION = 24;
/** Quantile of a region's edge estimates that stands for it (its sharpest quarter: the part in focus). */
const REGION_QUANTILE = 0.25;
/** The frame's sharp part is the second-sharpest region, so one odd region (a glint, a JPEG block) cannot decide. */
const REGION_RANK = 1;

/**
 * Estimates the blur radius from edge crests: points whose gradient peaks across the edge and is among the
 * strongest `edgeFraction` for its direction (each direction is judged on its own strongest edges, so one
 * smeared by motion still gets measured). Two readings come out of the same edge points:
 * - `radius`, over the whole frame: per direction a low quantile of the estimates, then the worst direction.
 *   It sees motion blur (which smears every part of the frame the same way) and blur on fine texture like skin.
 * - `regionRadius`, the sharpest part of the frame: the frame is cut into REGION_SIZE squares and each is
 *   read on its own sharpest edges. A photo whose subject is sharp is usable even when most of the frame is
 *   soft (a small lesion in focus against a blurred background, shallow depth of field, a smooth subject with
 *   few edges), and only the sharpest region says so.
 * The estimate reads true on clean edges and about 0.6× on fine, noise-like texture such as skin.
 * Known limit: a perfectly clean pixel step with no grain around it reads about 0.7 px (the discrete gradient's
 * own floor), so grain-free graphics can look soft to it; camera photos always carry fine texture or noise.
 */
export function estimateBlurRadius(
  { width, height, luma }: LumaImage,
  { sharpQuantile = 0.1, edgeFraction = 0.1 }: BlurRadiusOptions = {},
): BlurRadiusEstimate {
  const n = width * height;
  const none = (): BlurRadiusEstimate => ({
    radius: Number.NaN,
    isotropicRadius: Number.NaN,
    regionRadius: Number.NaN,
    byDirection: [Number.NaN, Number.NaN, Number.NaN, Number.NaN],
    edgeCount: 0,
    hasDetail: false,
  });
  if (width < 5 || height < 5) return none();
  // pass 1: squared gradient magnitude; a histogram of magnitudes per direction from every other pixel of every
  // other row (a quarter of the frame is plenty to place a percentile)
  const mag2 = new Float32Array(n);
  const hist = new Uint32Array(DIRECTION_COUNT * HIST_BINS);
  const dirTotal = new Uint32Array(DIRECTION_COUNT);
  for (let y = 1; y < height - 1; y++) {
    let i = y * width + 1;
    for (let x = 1; x < width - 1; x++, i++) {
      const gx = luma[i + 1]! - luma[i - 1]!;
      const gy = luma[i + width]! - luma[i - width]!;
      mag2[i] = 0.25 * (gx * gx + gy * gy);
    }
  }
  for (let y = 1; y < height - 1; y += 2) {
    let i = y * width + 1;
    for (let x = 1; x < width - 1; x += 2, i += 2) {
      const gx = luma[i + 1]! - luma[i - 1]!;
      const gy = luma[i + width]! - luma[i - width]!;
      const d = directionOf(gx, gy);
      const bin = (Math.sqrt(mag2[i]!) * HIST_BINS_PER_LEVEL) | 0;
      hist[d * HIST_BINS + (bin < HIST_BINS ? bin : HIST_BINS - 1)]!++;
      dirTotal[d]!++;
    }
  }
  const thresholds = new Float32Array(DIRECTION_COUNT);
  for (let d = 0; d < DIRECTION_COUNT; d++) {
    // the magnitude above which the strongest edgeFraction of this direction lies (bin's lower edge)
    const keep = edgeFraction * dirTotal[d]!;
    let above = 0;
    let bin = HIST_BINS - 1;
    for (; bin > 0; bin--) {
      above += hist[d * HIST_BINS + bin]!;
      if (above >= keep) break;
    }
    const t = Math.max(MIN_EDGE_GRADIENT, bin / HIST_BINS_PER_LEVEL);
    thresholds[d] = t * t; // compared with squared magnitudes
  }
  const lowest = Math.min(thresholds[0]!, thresholds[1]!, thresholds[2]!, thresholds[3]!);
  // pass 2: the re-blurred copy is needed only around edge crests, a few percent of the pixels: blur every row
  // (cheap, sequential), and do the vertical half of the separable blur only at the four neighbours of a crest
  const kernel = gaussianKernel(REBLUR_SIGMA);
  const kr = (kernel.length - 1) >> 1;
  const rowBlurred = blurRows(luma, width, height, kernel);
  const columnAt = (j: number): number => {
    let acc = 0;
    for (let k = 0, p = j - kr * width; k < kernel.length; k++, p += width) acc += kernel[k]! * rowBlurred[p]!;
    return acc;
  };
  const offsets = [1, width + 1, width, width - 1];
  const cols = Math.ceil(width / REGION_SIZE);
  const rows = Math.ceil(height / REGION_SIZE);
  const capacity = Math.ceil(n * edgeFraction * 1.5) + 64;
  let radii = new Float32Array(capacity);
  let meta = new Uint32Array(capacity); // region index × 4 + direction
  let count = 0;
  // crests are looked for where the column blur needs no clamping: kr + 1 rows in from the top and the bottom
  for (let y = Math.max(2, kr + 1); y < height - Math.max(2, kr + 1); y++) {
    const regionRow = ((y / REGION_SIZE) | 0) * cols;
    let i = y * width + 2;
    for (let x = 2; x < width - 2; x++, i++) {
      const m2 = mag2[i]!;
      if (m2 < lowest) continue;
      const d = directionOf(luma[i + 1]! - luma[i - 1]!, luma[i + width]! - luma[i - width]!);
      if (m2 < thresholds[d]!) continue;
      const off = offsets[d]!;
      if (m2 < mag2[i - off]! || m2 <= mag2[i + off]!) continue; // not the crest of the edge
      const gx = (columnAt(i + 1) - columnAt(i - 1)) * 0.5;
      const gy = (columnAt(i + width) - columnAt(i - width)) * 0.5;
      const mb2 = gx * gx + gy * gy;
      if (mb2 <= 0) continue;
      const r2 = m2 / mb2; // ratio squared
      const r = r2 <= 1 + 1e-6 ? MAX_BLUR_RADIUS : Math.min(MAX_BLUR_RADIUS, REBLUR_SIGMA / Math.sqrt(r2 - 1));
      if (count === radii.length) {
        radii = growF32(radii);
        meta = growU32(meta);
      }
      radii[count] = r;
      meta[count] = ((regionRow + ((x / REGION_SIZE) | 0)) << 2) | d;
      count++;
    }
  }
  if (count === 0) return none();
  // per direction over the whole frame
  const perDir = [0, 0, 0, 0];
  for (let k = 0; k < count; k++) perDir[meta[k]! & 3]!++;
  const byDirValues = perDir.map((c) => new Float32Array(c));
  const fill = [0, 0, 0, 0];
  for (let k = 0; k < count; k++) {
    const d = meta[k]! & 3;
    byDirValues[d]![fill[d]!++] = radii[k]!;
  }
  const byDirection = byDirValues.map((v) =>
    v.length >= MIN_EDGES_PER_DIRECTION ? sortedQuantile(v.sort(), sharpQuantile) : Number.NaN,
  );
  // per region, all directions together (counting sort by region)
  const regions = cols * rows;
  const start = new Uint32Array(regions + 1);
  for (let k = 0; k < count; k++) start[(meta[k]! >>> 2) + 1]!++;
  for (let r = 0; r < regions; r++) start[r + 1]! += start[r]!;
  const byRegion = new Float32Array(count);
  const cursor = start.slice(0, regions);
  for (let k = 0; k < count; k++) byRegion[cursor[meta[k]! >>> 2]!++] = radii[k]!;
  const regionReadings: number[] = [];
  for (let r = 0; r < regions; r++) {
    if (start[r + 1]! - start[r]! < MIN_EDGES_PER_REGION) continue;
    regionReadings.push(sortedQuantile(byRegion.subarray(start[r]!, start[r + 1]!).sort(), REGION_QUANTILE));
  }
  regionReadings.sort((a, b) => a - b);
  const judged = byDirection.filter((r) => !Number.isNaN(r));
  if (judged.length === 0) return { ...none(), edgeCount: count };
  // Camera shake smears the whole frame the same way, so the sharpest region is read in the frame's worst direction:
  // its reading (all directions together) is scaled by how much softer the worst direction is than the sharpest one.
  const sharpest = regionReadings.length
    ? regionReadings[Math.min(REGION_RANK, regionReadings.length - 1)]!
    : Math.min(...judged);
  const anisotropy = Math.max(...judged) / Math.max(1e-3, Math.min(...judged));
  const regionRadius = Math.min(MAX_BLUR_RADIUS, sharpest * anisotropy);
  return {
    radius: Math.max(...judged),
    isotropicRadius: sortedQuantile(Float32Array.from(judged).sort(), 0.5),
    regionRadius,
    byDirection,
    edgeCount: count,
    hasDetail: true,
  };
}

/** Nearest of the four directions of the gradient (0°, 45°, 90°, 135°; y points down), without atan2. */
function directionOf(gx: number, gy: number): number {
  const ax = gx < 0 ? -gx : gx;
  const ay = gy < 0 ? -gy : gy;
  if (ay <= TAN_22_5 * ax) return 0;
  if (ax <= TAN_22_5 * ay) return 2;
  return gx * gy > 0 ? 1 : 3;
}

function growF32(a: Float32Array): Float32Array<ArrayBuffer> {
  const b = new Float32Array(a.length * 2);
  b.set(a);
  return b;
}
function growU32(a: Uint32Array): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Linear-interpolated quantile of an ascending array. */
function sortedQuantile(sorted: Float32Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
