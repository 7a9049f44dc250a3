import { describe, expect, it } from 'vitest';
import { analysisSizeFor } from './luminance.ts';
import { assessPhotoPixels, assessPhotoQuality, QUALITY_REASON_CODES } from './quality-gate.ts';
import { describeQualityReason, QUALITY_MESSAGE_LOCALES } from './quality-messages.ts';
import { boxBlur, discScene, scaleLuma } from './synthetic-scenes.test-support.ts';

// A photo of the given original size whose analysis luma is made by `draw` at the analysis size.
function assess(width: number, height: number, draw: (w: number, h: number) => Float32Array) {
  const a = analysisSizeFor(width, height);
  return assessPhotoQuality({
    width,
    height,
    luma: draw(a.width, a.height),
    analysisWidth: a.width,
    analysisHeight: a.height,
  });
}
const scene = (w: number, h: number) => discScene(w, h);
// The scene blurred everywhere except a square of the given side at the centre (a small subject in focus).
const sharpSubject = (side: number, blur: number) => (w: number, h: number) => {
  const sharp = scene(w, h);
  const out = boxBlur(sharp, w, h, blur);
  const x0 = Math.round((w - side) / 2);
  const y0 = Math.round((h - side) / 2);
  for (let y = y0; y < y0 + side; y++) out.set(sharp.subarray(y * w + x0, y * w + x0 + side), y * w + x0);
  return out;
};
const uniform = (v: number) => (w: number, h: number) => new Float32Array(w * h).fill(v);

describe('assessPhotoQuality', () => {
  it.each([
    {
      name: 'sharp, well exposed 12 MP close-up is accepted',
      w: 4000,
      h: 3000,
      draw: scene,
      decision: 'accept',
      has: [],
    },
    {
      name: 'heavily blurred photo is rejected as too blurry',
      w: 4000,
      h: 3000,
      draw: (w: number, h: number) => boxBlur(scene(w, h), w, h, 3),
      decision: 'reject',
      has: ['TOO_BLURRY'],
    },
    {
      name: 'motion-smeared photo is rejected as too blurry',
      w: 4000,
      h: 3000,
      draw: (w: number, h: number) => boxBlur(scene(w, h), w, h, 5, 'y'),
      decision: 'reject',
      has: ['TOO_BLURRY'],
    },
    {
      name: 'a small sharp subject (240 px square of 800×600) on a blurred background is kept, with a warning',
      w: 4000,
      h: 3000,
      draw: sharpSubject(240, 3),
      decision: 'warn',
      has: ['SLIGHTLY_BLURRY'],
    },
    {
      name: 'dim but sharp grey photo (gain 0.5) is not called blurry or too dark',
      w: 4000,
      h: 3000,
      draw: (w: number, h: number) => scaleLuma(scene(w, h), 0.5),
      decision: 'accept',
      has: [],
    },
    {
      name: 'very dark photo is too dark but still not called blurry',
      w: 4000,
      h: 3000,
      draw: (w: number, h: number) => scaleLuma(scene(w, h), 0.12),
      decision: 'reject',
      has: ['TOO_DARK'],
    },
    {
      name: 'all-white frame is too bright',
      w: 4000,
      h: 3000,
      draw: uniform(255),
      decision: 'reject',
      has: ['TOO_BRIGHT'],
    },
    { name: 'all-black frame is too dark', w: 4000, h: 3000, draw: uniform(0), decision: 'reject', has: ['TOO_DARK'] },
    {
      name: 'a flat grey frame (lens cap, blank wall) has nothing in focus',
      w: 4000,
      h: 3000,
      draw: uniform(120),
      decision: 'reject',
      has: ['TOO_BLURRY'],
    },
    {
      name: '640×480 is below the ATA minimum of 800×600',
      w: 640,
      h: 480,
      draw: scene,
      decision: 'reject',
      has: ['RESOLUTION_TOO_LOW'],
    },
    {
      name: '1024×768 meets the ATA minimum but is below the recommended size',
      w: 1024,
      h: 768,
      draw: scene,
      decision: 'warn',
      has: ['RESOLUTION_BELOW_RECOMMENDED'],
    },
    {
      name: '600×800 portrait meets the ATA minimum in either orientation',
      w: 600,
      h: 800,
      draw: scene,
      decision: 'warn',
      has: ['RESOLUTION_BELOW_RECOMMENDED'],
    },
    {
      name: '799×600 is one pixel short of the ATA minimum',
      w: 799,
      h: 600,
      draw: scene,
      decision: 'reject',
      has: ['RESOLUTION_TOO_LOW'],
    },
  ])('$name', ({ w, h, draw, decision, has }) => {
    const result = assess(w, h, draw);
    expect(result.decision).toBe(decision);
    for (const code of has) expect(result.reasons).toContain(code);
    if (has.length === 0) expect(result.reasons).toEqual([]);
    // blur is judged on detail; a frame rejected for exposure is not also blamed on focus
    if (has.includes('TOO_DARK') || has.includes('TOO_BRIGHT')) {
      expect(result.reasons).not.toContain('TOO_BLURRY');
      expect(result.reasons).not.toContain('SLIGHTLY_BLURRY');
    }
  });

  it('scores a sharp photo above its blurred copies, more blur lower', () => {
    const scores = [0, 1, 2, 3].map((r) => assess(4000, 3000, (w, h) => boxBlur(scene(w, h), w, h, r)).score);
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThan(scores[i - 1]!);
    expect(scores[0]!).toBeGreaterThan(80);
  });

  it('reads the sharp subject in the sharpest region and the blurred background in the whole frame', () => {
    const result = assess(4000, 3000, sharpSubject(240, 3));
    expect(result.metrics.regionBlurRadius!).toBeLessThan(0.45);
    expect(result.metrics.blurRadius!).toBeGreaterThan(0.6);
    // the same frame without the sharp square is rejected
    expect(assess(4000, 3000, (w, h) => boxBlur(scene(w, h), w, h, 3)).decision).toBe('reject');
  });

  it('judges resolution on the original size, not the analysis size', () => {
    const big = assess(4000, 3000, scene);
    expect(big.metrics.analysisWidth).toBe(800);
    expect(big.reasons).not.toContain('RESOLUTION_BELOW_RECOMMENDED');
  });

  it('refuses luma at a size other than the analysis size, so client and server measure alike', () => {
    expect(() =>
      assessPhotoQuality({
        width: 4000,
        height: 3000,
        luma: scene(1600, 1200),
        analysisWidth: 1600,
        analysisHeight: 1200,
      }),
    ).toThrow(RangeError);
  });

  it('assesses decoded RGBA pixels end to end, reducing them to the analysis size itself', () => {
    // each analysis pixel becomes a 2×2 block of a 1600×1200 RGBA image; area averaging must give it back
    const luma = scene(800, 600);
    const w = 1600;
    const h = 1200;
    const data = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const v = Math.round(luma[(y >> 1) * 800 + (x >> 1)]!);
        data.set([v, v, v, 255], (y * w + x) * 4);
      }
    }
    const sharp = assessPhotoPixels({ width: w, height: h, channels: 4, data });
    expect(sharp.metrics.analysisWidth).toBe(800);
    expect(sharp.decision).toBe('accept');
    const blurred = assessPhotoPixels({ width: w, height: h, channels: 4, data: blurRgba(data, w, h) });
    expect(blurred.reasons).toContain('TOO_BLURRY');
  });
});

// Skin colours in diffuse light (sRGB), the lightest and darkest tones of ../shared/data/image-quality.
const TONE_I = [246, 237, 228] as const;
const TONE_VI = [60, 42, 33] as const;

/**
 * A 1600×1200 RGB close-up: the disc scene's texture (mean about 128) modulating a skin colour, times an exposure
 * gain (on the sRGB values, as the labelled set makes under-exposure), with an optional white ruler along the top
 * tenth of the frame.
 */
function skinPhoto(tone: readonly number[], gain: number, ruler = false) {
  const texture = scene(800, 600);
  const w = 1600;
  const h = 1200;
  const data = new Uint8ClampedArray(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = texture[(y >> 1) * 800 + (x >> 1)]! / 128;
      const rgb = ruler && y < h / 10 ? [235, 235, 235] : tone.map((c) => c * t);
      data.set(
        rgb.map((c) => c * gain),
        (y * w + x) * 3,
      );
    }
  }
  return assessPhotoPixels({ width: w, height: h, channels: 3, data });
}

describe('darkness is judged in colour, so dark skin is not mistaken for a dark photo', () => {
  it.each([
    {
      name: 'Fitzpatrick VI skin filling the frame in good light, no highlights',
      tone: TONE_VI,
      gain: 1,
      ruler: false,
    },
    { name: 'Fitzpatrick VI skin with a white ruler in good light', tone: TONE_VI, gain: 1, ruler: true },
    {
      name: 'Fitzpatrick I skin at 0.4 exposure (dim, but brighter than dark skin in good light)',
      tone: TONE_I,
      gain: 0.4,
      ruler: false,
    },
  ])('$name is not too dark', ({ tone, gain, ruler }) => {
    const result = skinPhoto(tone, gain, ruler);
    expect(result.reasons).not.toContain('TOO_DARK');
    expect(result.decision).not.toBe('reject');
  });

  it('a dark-skin close-up at 0.4 exposure is too dark although its white ruler still reads mid-grey', () => {
    const result = skinPhoto(TONE_VI, 0.4, true);
    // the ruler keeps the luma highlights above a quarter of the range: only the colour reading catches this
    expect(result.metrics.p99Luma).toBeGreaterThanOrEqual(64);
    expect(result.metrics.brightestP99).toBeLessThan(128);
    expect(result.reasons).toContain('TOO_DARK');
    expect(result.decision).toBe('reject');
  });

  it('reads the brightest channel, not luma: dark skin keeps its red channel above its luma', () => {
    const result = skinPhoto(TONE_VI, 1);
    expect(result.metrics.brightestMedian).toBeGreaterThan(result.metrics.meanLuma + 10);
    expect(result.score).toBeGreaterThan(skinPhoto(TONE_VI, 0.4, true).score);
  });
});

function blurRgba(data: Uint8ClampedArray, w: number, h: number): Uint8ClampedArray {
  const grey = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) grey[i] = data[i * 4]!;
  const blurred = boxBlur(grey, w, h, 6);
  const out = new Uint8ClampedArray(data.length);
  for (let i = 0; i < w * h; i++) out.set([blurred[i]!, blurred[i]!, blurred[i]!, 255], i * 4);
  return out;
}

describe('quality messages', () => {
  it.each(QUALITY_MESSAGE_LOCALES.flatMap((locale) => QUALITY_REASON_CODES.map((code) => ({ locale, code }))))(
    '$code has a message and a fix in $locale',
    ({ locale, code }) => {
      const message = describeQualityReason(code, locale);
      expect(message.problem.length).toBeGreaterThan(5);
      expect(message.fix.length).toBeGreaterThan(20);
      if (locale !== 'en') expect(message.fix).not.toBe(describeQualityReason(code, 'en').fix);
    },
  );

  it('tells the patient how to fix a blurry photo in plain words', () => {
    expect(describeQualityReason('TOO_BLURRY', 'en').fix).toMatch(/steady/i);
    expect(describeQualityReason('TOO_BLURRY', 'en').fix).toMatch(/focus/i);
  });

  it('falls back to English for a language it does not have', () => {
    expect(describeQualityReason('TOO_DARK', 'fr')).toEqual(describeQualityReason('TOO_DARK', 'en'));
  });
});
