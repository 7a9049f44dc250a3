import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fitJpegUnder } from './fit-image.ts';

async function noise(width: number, height: number, options: { orientation?: number } = {}): Promise<Buffer> {
  const image = sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } });
  if (options.orientation) image.withMetadata({ orientation: options.orientation });
  return image.jpeg({ quality: 95 }).toBuffer();
}

describe('fitJpegUnder', () => {
  it('keeps a JPEG that already fits, byte for byte', async () => {
    const input = await noise(200, 100);
    const fitted = await fitJpegUnder(input, input.length);
    expect(fitted.isReencoded).toBe(false);
    expect(fitted.bytes.equals(input)).toBe(true);
  });

  it('re-encodes and shrinks until the limit holds, keeping the aspect ratio', async () => {
    const input = await noise(1200, 900);
    const fitted = await fitJpegUnder(input, 60_000);
    expect(fitted.isReencoded).toBe(true);
    expect(fitted.bytes.length).toBeLessThanOrEqual(60_000);
    expect(fitted.width).toBeLessThan(1200);
    expect(fitted.width / fitted.height).toBeCloseTo(4 / 3, 1);
    const meta = await sharp(fitted.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', fitted.width, fitted.height]);
  });

  it('turns an image upright and drops its metadata when it re-encodes', async () => {
    const input = await noise(400, 200, { orientation: 6 });
    const fitted = await fitJpegUnder(input, input.length - 1);
    expect([fitted.width, fitted.height]).toEqual([200, 400]);
    const meta = await sharp(fitted.bytes).metadata();
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
  });
});
