// The photo quality gate: one decision, the same in the browser (before upload) and on the server (which never
// trusts the client). Input: the photo's original size and its luma at the analysis size (see luminance.ts).
// Clear failures are rejected (cannot be sent); borderline photos get a warning and can be sent.
//
// Lines are set from what the metrics mean, checked on ../shared/data/image-quality (README targets: keep ≥ 90% of
// good photos, reject ≥ 80% of poor ones, false-reject gap across skin tones < 5 points); `npm run eval:quality`.

import { estimateBlurRadius, laplacianVariance, MAX_BLUR_RADIUS } from './blur-metrics.ts';
import { type ExposureMetrics, measureExposure } from './exposure-metrics.ts';
import { ANALYSIS_LONG_EDGE, analysisSizeFor, type PixelImage, toAnalysisLuma } from './luminance.ts';

/** Stable reason codes, most severe first within each concern. Programs read codes; people read messages. */
export const QUALITY_REASON_CODES = [
  'RESOLUTION_TOO_LOW',
  'RESOLUTION_BELOW_RECOMMENDED',
  'TOO_DARK',
  'SLIGHTLY_DARK',
  'TOO_BRIGHT',
  'SLIGHTLY_BRIGHT',
  'TOO_BLURRY',
  'SLIGHTLY_BLURRY',
] as const;
export type QualityReasonCode = (typeof QUALITY_REASON_CODES)[number];

const REJECTING: ReadonlySet<QualityReasonCode> = new Set([
  'RESOLUTION_TOO_LOW',
  'TOO_DARK',
  'TOO_BRIGHT',
  'TOO_BLURRY',
]);

/** True when the reason alone stops the photo from being sent. */
export function isRejectingReason(code: QualityReasonCode): boolean {
  return REJECTING.has(code);
}

// ATA telehealth guidance for teledermatology: at least 800×600 (either orientation), ideally larger.
export const MIN_LONG_EDGE = 800;
export const MIN_SHORT_EDGE = 600;
// "Ideally larger": 1600×1200 keeps a 1 mm feature about 8 px across in a 20 cm field of view.
export const RECOMMENDED_LONG_EDGE = 1600;
export const RECOMMENDED_SHORT_EDGE = 1200;

// Blur radius (σ, px at the 800 px analysis size). README: σ = 2 px at 1600 px (1 px here) is poor, σ = 1–1.5 px
// (0.5–0.75 px here) borderline; the estimate reads 0.6–1× of the true blur (see blur-metrics.ts), so the reject
// line sits at 0.6 and the warning at 0.45.
export const BLUR_REJECT_RADIUS = 0.6;
export const BLUR_WARN_RADIUS = 0.45;
// The sharpest part of the frame (REGION_SIZE squares read on their sharpest edges; see blur-metrics.ts). A photo
// is only rejected as too blurry when the frame as a whole is blurred AND not even its sharpest region is sharp:
// a small subject in focus against a soft background is kept (with a warning), because the patient may have
// focused on exactly the spot that matters. Same physical lines as the whole-frame reading (σ in analysis px).
export const REGION_REJECT_RADIUS = BLUR_REJECT_RADIUS;
export const REGION_WARN_RADIUS = BLUR_WARN_RADIUS;

// Darkness is judged on the brightest parts, not the mean: dark skin photographed well has a low mean but still
// has highlights (sheen, a ruler, the background). Too dark = the brightest 1% is below a quarter of the range
// AND the mean is below 40/255; either alone is only a warning (mean below 32 or highlights below a quarter).
export const DARK_P99_LIMIT = 64;
export const DARK_MEAN_LIMIT = 40;
export const DIM_MEAN_LIMIT = 32;
// The same question asked in colour, on each pixel's brightest channel (max of R', G', B'): skin is coloured, and
// dark skin's red channel sits well above its luma, so this reading separates dark skin from a dim photo where
// luma cannot. Too dark also when nothing in the frame reaches half the range in any channel (brightest 1% below
// 128) AND most of the frame is darker than the darkest skin is in good light: Fitzpatrick VI in diffuse light
// reads about 60 in red (the darkest tone of ../shared/data/image-quality), less a fifth for shading = 48.
export const DARK_SCENE_P99_LIMIT = 128;
export const DARK_SCENE_MEDIAN_LIMIT = 48;

// Blown-out highlights: from 1 pixel in 20 clipped to white the lesion may be among them (warning); from 15%
// a large part of the frame has no detail left (reject).
export const CLIPPED_WARN_SHARE = 0.05;
export const CLIPPED_REJECT_SHARE = 0.15;

export type QualityDecision = 'accept' | 'warn' | 'reject';

export interface QualityInput {
  /** Original size of the photo, upright (after EXIF orientation). */
  width: number;
  height: number;
  /** Luma 0–255 at the analysis size, as produced by `toAnalysisLuma`. */
  luma: Float32Array | Uint8Array | Uint8ClampedArray;
  /** Brightest colour channel at the analysis size, as `toAnalysisLuma` produces it; omit for a grey photo. */
  brightest?: Float32Array;
  analysisWidth: number;
  analysisHeight: number;
}

export interface QualityMetrics {
  width: number;
  height: number;
  analysisWidth: number;
  analysisHeight: number;
  /** Blur radius σ in px at the 800 px analysis scale (worst direction); null when the frame has no detail. */
  blurRadius: number | null;
  /** Blur radius σ (px at the 800 px scale) of the sharpest region of the frame; null when it has no detail. */
  regionBlurRadius: number | null;
  /** The same per gradient direction 0°, 45°, 90°, 135° (null where too few edges). */
  blurRadiusByDirection: (number | null)[];
  edgeCount: number;
  /** The classic number, for comparison only: it falls with darkness and smooth skin, so the gate ignores it. */
  laplacianVariance: number;
  meanLuma: number;
  p1Luma: number;
  p99Luma: number;
  /** Median and 99th percentile of the brightest colour channel (max of R', G', B'), 0–255. */
  brightestMedian: number;
  brightestP99: number;
  dynamicRange: number;
  clippedHighlights: number;
  clippedShadows: number;
}

export interface QualityAssessment {
  decision: QualityDecision;
  reasons: QualityReasonCode[];
  /** 0–100, higher is better: orders photos by quality; the decision comes from the reasons. */
  score: number;
  metrics: QualityMetrics;
}

const round = (x: number, digits = 4): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export function assessPhotoQuality(input: QualityInput): QualityAssessment {
  const { width, height, analysisWidth, analysisHeight } = input;
  const expected = analysisSizeFor(width, height);
  if (
    Math.abs(expected.width - analysisWidth) > 1 ||
    Math.abs(expected.height - analysisHeight) > 1 ||
    input.luma.length !== analysisWidth * analysisHeight ||
    (input.brightest !== undefined && input.brightest.length !== input.luma.length)
  ) {
    // a different size would change what a blur radius in pixels means: client and server would disagree
    throw new RangeError(`luma must be ${expected.width}×${expected.height} (analysis size for ${width}×${height})`);
  }
  const image = {
    width: analysisWidth,
    height: analysisHeight,
    luma: input.luma instanceof Float32Array ? input.luma : Float32Array.from(input.luma),
    brightest: input.brightest,
  };
  const blur = estimateBlurRadius(image);
  const exposure = measureExposure(image);
  // photos smaller than the analysis size are analysed as they are; express their blur at the 800 px scale
  const toReference = ANALYSIS_LONG_EDGE / Math.max(analysisWidth, analysisHeight, 1);
  const blurRadius = blur.hasDetail ? blur.radius * toReference : null;
  const regionRadius = blur.hasDetail ? blur.regionRadius * toReference : null;

  const reasons: QualityReasonCode[] = [];
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  if (long < MIN_LONG_EDGE || short < MIN_SHORT_EDGE) reasons.push('RESOLUTION_TOO_LOW');
  else if (long < RECOMMENDED_LONG_EDGE || short < RECOMMENDED_SHORT_EDGE) reasons.push('RESOLUTION_BELOW_RECOMMENDED');

  const darkHighlights = exposure.p99Luma < DARK_P99_LIMIT;
  const darkScene = exposure.brightestP99 < DARK_SCENE_P99_LIMIT && exposure.brightestMedian < DARK_SCENE_MEDIAN_LIMIT;
  if ((darkHighlights && exposure.meanLuma < DARK_MEAN_LIMIT) || darkScene) reasons.push('TOO_DARK');
  else if (darkHighlights || exposure.meanLuma < DIM_MEAN_LIMIT) reasons.push('SLIGHTLY_DARK');

  if (exposure.clippedHighlights >= CLIPPED_REJECT_SHARE) reasons.push('TOO_BRIGHT');
  else if (exposure.clippedHighlights >= CLIPPED_WARN_SHARE) reasons.push('SLIGHTLY_BRIGHT');

  const exposureRejected = reasons.includes('TOO_DARK') || reasons.includes('TOO_BRIGHT');
  if (blurRadius === null || regionRadius === null) {
    // no edges at all: blown out or black frames are already rejected for exposure; otherwise nothing is in focus
    if (!exposureRejected) reasons.push('TOO_BLURRY');
  } else if (blurRadius >= BLUR_REJECT_RADIUS && regionRadius >= REGION_REJECT_RADIUS) reasons.push('TOO_BLURRY');
  else if (blurRadius >= BLUR_WARN_RADIUS || regionRadius >= REGION_WARN_RADIUS) reasons.push('SLIGHTLY_BLURRY');

  const decision: QualityDecision = reasons.some(isRejectingReason) ? 'reject' : reasons.length ? 'warn' : 'accept';
  // blur in units of its reject line: the decision rejects when both readings are past theirs, so the lesser counts
  const blurGrade =
    blurRadius === null || regionRadius === null
      ? MAX_BLUR_RADIUS
      : Math.min(blurRadius / BLUR_REJECT_RADIUS, regionRadius / REGION_REJECT_RADIUS);
  const score = scoreQuality(blurGrade, exposure, width * height);
  return {
    decision,
    reasons,
    score: round(score, 2),
    metrics: {
      width,
      height,
      analysisWidth,
      analysisHeight,
      blurRadius: blurRadius === null ? null : round(blurRadius),
      regionBlurRadius: regionRadius === null ? null : round(regionRadius),
      blurRadiusByDirection: blur.byDirection.map((r) => (Number.isNaN(r) ? null : round(r * toReference))),
      edgeCount: blur.edgeCount,
      laplacianVariance: round(laplacianVariance(image), 2),
      meanLuma: round(exposure.meanLuma, 2),
      p1Luma: exposure.p1Luma,
      p99Luma: exposure.p99Luma,
      brightestMedian: exposure.brightestMedian,
      brightestP99: exposure.brightestP99,
      dynamicRange: exposure.dynamicRange,
      clippedHighlights: round(exposure.clippedHighlights),
      clippedShadows: round(exposure.clippedShadows),
    },
  };
}

/**
 * Product of one factor per concern, each 1 for a flawless photo and falling smoothly through the lines above
 * (about 0.5 at a reject line), so the score ranks photos continuously instead of in three steps.
 */
function scoreQuality(blurGrade: number, exposure: ExposureMetrics, pixels: number): number {
  const sharpness = 1 / (1 + blurGrade ** 3);
  const light =
    Math.min(1, Math.max(exposure.p99Luma / DARK_P99_LIMIT, exposure.meanLuma / DARK_MEAN_LIMIT)) ** 2 *
    Math.min(
      1,
      Math.max(exposure.brightestP99 / DARK_SCENE_P99_LIMIT, exposure.brightestMedian / DARK_SCENE_MEDIAN_LIMIT),
    ) **
      2;
  const highlights = 1 / (1 + (exposure.clippedHighlights / CLIPPED_REJECT_SHARE) ** 2);
  const minPixels = MIN_LONG_EDGE * MIN_SHORT_EDGE;
  const recommendedPixels = RECOMMENDED_LONG_EDGE * RECOMMENDED_SHORT_EDGE;
  const resolution =
    pixels < minPixels
      ? 0.3 * (pixels / minPixels)
      : 0.9 + 0.1 * Math.min(1, (pixels - minPixels) / (recommendedPixels - minPixels));
  return 100 * sharpness * light * highlights * resolution;
}

/** Convenience for callers holding decoded pixels (canvas ImageData, raw RGB from a decoder). */
export function assessPhotoPixels(image: PixelImage): QualityAssessment {
  const analysis = toAnalysisLuma(image);
  return assessPhotoQuality({
    width: image.width,
    height: image.height,
    luma: analysis.luma,
    brightest: analysis.brightest,
    analysisWidth: analysis.width,
    analysisHeight: analysis.height,
  });
}
