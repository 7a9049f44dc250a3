import { describe, expect, it } from 'vitest';
import { estimateBlurRadius, laplacianVariance } from './blur-metrics.ts';
import { boxBlur, discScene, scaleLuma } from './synthetic-scenes.test-support.ts';

const W = 400;
const H = 300;
const sharp = discScene(W, H);
const radiusOf = (luma: Float32Array) => estimateBlurRadius({ width: W, height: H, luma }).radius;

describe('estimateBlurRadius', () => {
  it('reads a sharp scene as sharper than its box-blurred copy', () => {
    expect(radiusOf(sharp)).toBeLessThan(0.45);
    expect(radiusOf(boxBlur(sharp, W, H, 2))).toBeGreaterThan(radiusOf(sharp) + 0.3);
  });

  it('grows with the amount of blur (monotonic)', () => {
    const radii = [0, 1, 2, 3, 4].map((r) => radiusOf(boxBlur(sharp, W, H, r)));
    for (let i = 1; i < radii.length; i++) expect(radii[i]!).toBeGreaterThan(radii[i - 1]!);
  });

  it.each([
    { name: 'dark (gain 0.15)', gain: 0.15, offset: 0 },
    { name: 'low contrast (gain 0.2 around mid-grey)', gain: 0.2, offset: 100 },
  ])('does not call a sharp but $name scene blurry: the ratio ignores contrast', ({ gain, offset }) => {
    const dim = scaleLuma(sharp, gain, offset);
    expect(radiusOf(dim)).toBeLessThan(0.45);
    expect(radiusOf(dim)).toBeCloseTo(radiusOf(sharp), 1);
    // the classic variance of the Laplacian would drop by gain², which is why the gate does not use it
    const lv = (l: Float32Array) => laplacianVariance({ width: W, height: H, luma: l });
    expect(lv(dim)).toBeLessThan(0.05 * lv(sharp));
  });

  it('does not take one-level quantisation steps for edges: a blurred-out frame saved as JPEG has no detail', () => {
    // 8×8 blocks one grey level apart, the way a JPEG encoder stores a nearly flat frame
    const blocks = new Float32Array(W * H);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) blocks[y * W + x] = 128 + (((x >> 3) * 7 + (y >> 3) * 13) % 3 === 0 ? 1 : 0);
    expect(estimateBlurRadius({ width: W, height: H, luma: blocks }).hasDetail).toBe(false);
  });

  it('sees motion blur in the direction of movement only', () => {
    const smeared = boxBlur(sharp, W, H, 4, 'x');
    const estimate = estimateBlurRadius({ width: W, height: H, luma: smeared });
    const [horizontal, , vertical] = estimate.byDirection;
    expect(horizontal!).toBeGreaterThan(vertical! + 0.5);
    expect(estimate.radius).toBe(horizontal);
  });

  it("finds a sharp region in an otherwise blurred frame, and reads it in the frame's worst direction", () => {
    const blurred = boxBlur(sharp, W, H, 3);
    // a sharp subject of 160 × 140 px (a fifth of the frame) on a blurred background
    for (let y = 80; y < 220; y++) blurred.set(sharp.subarray(y * W + 120, y * W + 280), y * W + 120);
    const estimate = estimateBlurRadius({ width: W, height: H, luma: blurred });
    // below the gate's reject line (0.6 px) in the sharp part; the blurred frame alone reads above it
    expect(estimate.regionRadius).toBeLessThan(0.6);
    expect(estimate.regionRadius).toBeLessThan(radiusOf(boxBlur(sharp, W, H, 3)) - 0.1);
    // motion blur smears every region alike: the sharpest region is still read as smeared
    const smeared = estimateBlurRadius({ width: W, height: H, luma: boxBlur(sharp, W, H, 4, 'x') });
    expect(smeared.regionRadius).toBeGreaterThan(0.6);
  });

  it('reports no detail for a flat frame instead of a made-up radius', () => {
    const flat = new Float32Array(W * H).fill(90);
    const estimate = estimateBlurRadius({ width: W, height: H, luma: flat });
    expect(estimate.hasDetail).toBe(false);
    expect(estimate.radius).toBeNaN();
  });
});
