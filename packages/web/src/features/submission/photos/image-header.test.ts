import { describe, expect, it } from 'vitest';
import { uprightSize } from './image-header.ts';

// SOI, optional APP1 EXIF (big-endian TIFF, one IFD entry: orientation), SOF0 with the stored size.
function jpeg(width: number, height: number, orientation?: number): Uint8Array {
  const app1 =
    orientation === undefined
      ? []
      : [
          0xff,
          0xe1,
          0x00,
          0x22,
          0x45,
          0x78,
          0x69,
          0x66,
          0x00,
          0x00,
          0x4d,
          0x4d,
          0x00,
          0x2a,
          0x00,
          0x00,
          0x00,
          0x08,
          0x00,
          0x01,
          0x01,
          0x12,
          0x00,
          0x03,
          0x00,
          0x00,
          0x00,
          0x01,
          0x00,
          orientation,
          0x00,
          0x00,
          0x00,
          0x00,
          0x00,
          0x00,
        ];
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03];
  return new Uint8Array([0xff, 0xd8, ...app1, ...sof, ...new Array(9).fill(0), 0xff, 0xd9]);
}

describe('uprightSize', () => {
  it('reads the stored size of a JPEG without EXIF', () => {
    expect(uprightSize(jpeg(4032, 3024))).toMatchObject({ width: 4032, height: 3024, orientation: 1 });
  });
  it('swaps width and height for EXIF orientations 5–8', () => {
    expect(uprightSize(jpeg(4032, 3024, 6))).toMatchObject({ width: 3024, height: 4032, orientation: 6 });
    expect(uprightSize(jpeg(4032, 3024, 3))).toMatchObject({ width: 4032, height: 3024, orientation: 3 });
  });
  it('gives up on anything that is not a readable JPEG header', () => {
    expect(uprightSize(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
    expect(uprightSize(jpeg(4032, 3024).subarray(0, 8))).toBeUndefined();
  });
});
