import { randomBytes } from 'node:crypto';
import { isMainThread } from 'node:worker_threads';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageFitError, withImageFitter } from './fit-image-pool.ts';

const noise = (width: number, height: number) =>
  sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();

describe('withImageFitter', () => {
  it('fits images in a worker thread, one after another', async () => {
    const [a, b] = await Promise.all([noise(800, 600), noise(600, 800)]);
    const fitted = await withImageFitter(30_000, async (fit) => [await fit(a, 40_000), await fit(b, 40_000)]);
    expect(isMainThread).toBe(true);
    for (const image of fitted) expect(image.bytes.length).toBeLessThanOrEqual(40_000);
    expect(fitted.map((image) => image.width > image.height)).toEqual([true, false]);
  });

  it('an export past its time limit ends the worker and fails with ImageFitError, not a hang', async () => {
    const input = await noise(3000, 2000);
    await expect(withImageFitter(1, (fit) => fit(input, 10_000))).rejects.toBeInstanceOf(ImageFitError);
  });

  it('an image that cannot be decoded fails with ImageFitError', async () => {
    await expect(withImageFitter(30_000, (fit) => fit(Buffer.from('not an image'), 10_000))).rejects.toBeInstanceOf(
      ImageFitError,
    );
  });
});
