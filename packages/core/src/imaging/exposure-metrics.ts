// Exposure metrics on analysis-size luma (0–255, sRGB-encoded; see luminance.ts).
// All of them come from one 256-bin histogram, so they cost one pass over the pixels.

import type { LumaImage } from './luminance.ts';

/** Luma at or above this is blown out: a phone JPEG's highlight shoulder ends here, detail above is gone. */
export const HIGHLIGHT_CLIP_LEVEL = 250;
/** Luma at or below this is crushed to black: nothing in it can be recovered or seen. */
export const SHADOW_CLIP_LEVEL = 5;

export interface ExposureMetrics {
  /** Mean luma, 0–255. */
  meanLuma: number;
  /** 1st and 99th percentile of luma: the darkest and brightest parts, ignoring a few stray pixels. */
  p1Luma: number;
  p99Luma: number;
  /** p99 − p1: how much of the tonal range the photo uses. */
  dynamicRange: number;
  /** Share of pixels (0–1) blown out to white. */
  clippedHighlights: number;
  /** Share of pixels (0–1) crushed to black. */
  clippedShadows: number;
  /** Median and 99th percentile of each pixel's brightest colour channel (see LumaImage.brightest). */
  brightestMedian: number;
  brightestP99: number;
}

export function measureExposure({ luma, brightest }: LumaImage): ExposureMetrics {
  const histogram = new Float64Array(256);
  let sum = 0;
  for (let i = 0; i < luma.length; i++) {
    const v = luma[i]!;
    sum += v;
    histogram[binOf(v)]!++;
  }
  const n = luma.length;
  if (n === 0) {
    return {
      meanLuma: 0,
      p1Luma: 0,
      p99Luma: 0,
      dynamicRange: 0,
      clippedHighlights: 0,
      clippedShadows: 0,
      brightestMedian: 0,
      brightestP99: 0,
    };
  }
  let brightestHistogram = histogram;
  if (brightest && brightest.length === n) {
    brightestHistogram = new Float64Array(256);
    for (let i = 0; i < n; i++) brightestHistogram[binOf(brightest[i]!)]!++;
  }
  let highlights = 0;
  for (let v = HIGHLIGHT_CLIP_LEVEL; v < 256; v++) highlights += histogram[v]!;
  let shadows = 0;
  for (let v = 0; v <= SHADOW_CLIP_LEVEL; v++) shadows += histogram[v]!;
  const p1 = histogramPercentile(histogram, n, 0.01);
  const p99 = histogramPercentile(histogram, n, 0.99);
  return {
    meanLuma: sum / n,
    p1Luma: p1,
    p99Luma: p99,
    dynamicRange: p99 - p1,
    clippedHighlights: highlights / n,
    clippedShadows: shadows / n,
    brightestMedian: histogramPercentile(brightestHistogram, n, 0.5),
    brightestP99: histogramPercentile(brightestHistogram, n, 0.99),
  };
}

const binOf = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0);

function histogramPercentile(histogram: Float64Array, n: number, q: number): number {
  const target = q * n;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen > target) return v;
  }
  return 255;
}
