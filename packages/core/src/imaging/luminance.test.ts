import { describe, expect, it } from 'vitest';
import { ANALYSIS_LONG_EDGE, analysisSizeFor, toAnalysisLuma } from './luminance.ts';

describe('analysisSizeFor', () => {
  it.each([
    { name: '12 MP landscape shrinks to an 800 px long edge', w: 4000, h: 3000, want: { width: 800, height: 600 } },
    { name: '12 MP portrait keeps its orientation', w: 3000, h: 4000, want: { width: 600, height: 800 } },
    { name: 'ATA minimum is analysed as it is', w: 800, h: 600, want: { width: 800, height: 600 } },
    { name: 'a small photo is never enlarged', w: 640, h: 480, want: { width: 640, height: 480 } },
  ])('$name', ({ w, h, want }) => {
    expect(analysisSizeFor(w, h)).toEqual(want);
    expect(Math.max(want.width, want.height)).toBeLessThanOrEqual(ANALYSIS_LONG_EDGE);
  });
});

describe('toAnalysisLuma', () => {
  it('applies sRGB luma weights to RGBA (canvas ImageData layout)', () => {
    const data = new Uint8ClampedArray(4 * 10 * 10);
    for (let i = 0; i < 100; i++) data.set([255, 0, 0, 255], i * 4);
    const out = toAnalysisLuma({ width: 10, height: 10, channels: 4, data });
    expect(out.luma[0]).toBeCloseTo(0.2126 * 255, 3);
    expect(out.luma[99]).toBeCloseTo(0.2126 * 255, 3);
  });

  it("keeps each pixel's brightest colour channel beside its luma (saturated red stays bright there)", () => {
    const data = new Uint8ClampedArray(4 * 10 * 10);
    for (let i = 0; i < 100; i++) data.set([200, 40, 20, 255], i * 4);
    const out = toAnalysisLuma({ width: 10, height: 10, channels: 4, data });
    expect(out.brightest![0]).toBeCloseTo(200, 3);
    expect(out.luma[0]).toBeLessThan(80);
    // grey input has no colour to read: luma is its brightest channel
    expect(toAnalysisLuma({ width: 10, height: 10, channels: 1, data: new Uint8Array(100) }).brightest).toBeUndefined();
  });

  it('averages areas: a one-pixel black/white checkerboard becomes uniform mid-grey', () => {
    const w = 1603;
    const h = 1201;
    const data = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = (x + y) % 2 ? 255 : 0;
    const out = toAnalysisLuma({ width: w, height: h, channels: 1, data });
    expect(out.width).toBe(800);
    expect(out.height).toBe(599);
    let min = 255;
    let max = 0;
    for (const v of out.luma) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    // every output cell covers about two by two source pixels, so it lands near 127.5
    expect(min).toBeGreaterThan(100);
    expect(max).toBeLessThan(155);
  });

  it('keeps the mean brightness when reducing by a non-integer factor', () => {
    const w = 1000;
    const h = 700;
    const data = new Uint8Array(w * h * 3);
    let sum = 0;
    for (let i = 0; i < w * h; i++) {
      const v = (i * 37) % 256;
      data.set([v, v, v], i * 3);
      sum += v;
    }
    const out = toAnalysisLuma({ width: w, height: h, channels: 3, data });
    const mean = out.luma.reduce((a, b) => a + b, 0) / out.luma.length;
    expect(mean).toBeCloseTo(sum / (w * h), 0);
  });

  it('refuses pixel data shorter than the declared size', () => {
    expect(() => toAnalysisLuma({ width: 10, height: 10, channels: 3, data: new Uint8Array(10) })).toThrow(RangeError);
  });
});
