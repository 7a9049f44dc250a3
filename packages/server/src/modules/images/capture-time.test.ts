import { describe, expect, it } from 'vitest';
import { readCaptureTime } from './capture-time.ts';

/** A little-endian TIFF block: IFD0 with an ExifIFD pointer, the Exif IFD with the given ASCII tags. */
function exifBlock(tags: Record<number, string>, { prefix = true, bigEndian = false } = {}): Buffer {
  const entries = Object.entries(tags).map(([tag, value]) => ({ tag: Number(tag), value: Buffer.from(`${value}\0`) }));
  const ifd0At = 8;
  const exifAt = ifd0At + 2 + 12 + 4;
  const dataAt = exifAt + 2 + entries.length * 12 + 4;
  const data = Buffer.concat(entries.map((e) => e.value));
  const tiff = Buffer.alloc(dataAt + data.length);
  const u16 = (v: number, o: number) => (bigEndian ? tiff.writeUInt16BE(v, o) : tiff.writeUInt16LE(v, o));
  const u32 = (v: number, o: number) => (bigEndian ? tiff.writeUInt32BE(v, o) : tiff.writeUInt32LE(v, o));
  tiff.write(bigEndian ? 'MM' : 'II', 0, 'latin1');
  u16(42, 2);
  u32(ifd0At, 4);
  u16(1, ifd0At);
  u16(0x8769, ifd0At + 2);
  u16(4, ifd0At + 4);
  u32(1, ifd0At + 6);
  u32(exifAt, ifd0At + 10);
  u16(entries.length, exifAt);
  let at = dataAt;
  entries.forEach((e, i) => {
    const o = exifAt + 2 + i * 12;
    u16(e.tag, o);
    u16(2, o + 2);
    u32(e.value.length, o + 4);
    u32(at, o + 8);
    at += e.value.length;
  });
  data.copy(tiff, dataAt);
  return prefix ? Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]) : tiff;
}

describe('readCaptureTime', () => {
  it.each([
    ['DateTimeOriginal alone', { 36867: '2024:05:01 10:22:33' }, {}, '2024-05-01T10:22:33'],
    ['with OffsetTimeOriginal', { 36867: '2024:05:01 10:22:33', 36881: '+02:00' }, {}, '2024-05-01T10:22:33+02:00'],
    ['big-endian (Motorola) EXIF', { 36867: '2023:12:31 23:59:59' }, { bigEndian: true }, '2023-12-31T23:59:59'],
    [
      'a bare TIFF block without "Exif\\0\\0"',
      { 36867: '2022:01:02 03:04:05' },
      { prefix: false },
      '2022-01-02T03:04:05',
    ],
    ['an empty date some cameras write', { 36867: '0000:00:00 00:00:00' }, {}, undefined],
    ['a date in another layout', { 36867: '1 May 2024' }, {}, undefined],
    [
      'a malformed offset (dropped, time kept)',
      { 36867: '2024:05:01 10:22:33', 36881: 'CEST' },
      {},
      '2024-05-01T10:22:33',
    ],
    ['no DateTimeOriginal', { 36881: '+02:00' }, {}, undefined],
  ])('%s', (_name, tags, options, expected) => {
    expect(readCaptureTime(exifBlock(tags, options))).toBe(expected);
  });

  it('answers undefined, never throws, for missing, truncated or garbage EXIF', () => {
    const good = exifBlock({ 36867: '2024:05:01 10:22:33' });
    expect(readCaptureTime(undefined)).toBeUndefined();
    expect(readCaptureTime(Buffer.alloc(0))).toBeUndefined();
    expect(readCaptureTime(Buffer.from('not exif at all'))).toBeUndefined();
    for (let cut = 0; cut < good.length; cut += 7) expect(() => readCaptureTime(good.subarray(0, cut))).not.toThrow();
    expect(readCaptureTime(good.subarray(0, good.length - 10))).toBeUndefined();
  });
});
