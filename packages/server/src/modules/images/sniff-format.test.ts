import { describe, expect, it } from 'vitest';
import { sniffFormat } from './sniff-format.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

function ftyp(major: string, compatible: string[]): Buffer {
  const box = Buffer.alloc(16 + 4 * compatible.length);
  box.writeUInt32BE(box.length, 0);
  box.write(`ftyp${major}`, 4, 'latin1');
  for (const [i, c] of compatible.entries()) box.write(c, 16 + 4 * i, 'latin1');
  return box;
}

const PNG_HEAD = bytes(
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13],
  'IHDR',
  [0, 0, 3, 0xe8, 0, 0, 2, 0x58, 8, 2, 0, 0, 0],
);

describe('sniffFormat: the allowlist is decided by magic bytes', () => {
  it.each([
    ['JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF\0'), 'jpeg'],
    ['JPEG (EXIF, as phones write)', bytes([0xff, 0xd8, 0xff, 0xe1, 0, 16], 'Exif\0\0'), 'jpeg'],
    ['PNG', PNG_HEAD, 'png'],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'webp'],
    ['HEIC from an iPhone (brand heic)', ftyp('heic', ['mif1', 'heic']), 'heic'],
    ['HEIF still (brand mif1)', ftyp('mif1', ['mif1', 'heic']), 'heic'],
  ])('accepts %s', async (_name, head, format) => {
    expect(await sniffFormat(head)).toBe(format);
  });

  it.each([
    ['plain text renamed .jpg', bytes('this is not a photo, just text\n')],
    ['SVG with a script', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['GIF', bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0])],
    ['AVIF (HEIF container, AV1: not on the list)', ftyp('avif', ['mif1', 'avif'])],
    ['TIFF', bytes('II', [42, 0, 8, 0, 0, 0])],
    ['PDF', bytes('%PDF-1.7\n')],
    ['HTML', bytes('<!doctype html><html><script>alert(1)</script>')],
    ['ZIP', bytes('PK', [3, 4, 20, 0])],
    ['zero bytes', Buffer.alloc(0)],
    ['one byte', Buffer.from([0xff])],
  ])('refuses %s', async (_name, head) => {
    expect(await sniffFormat(head)).toBeNull();
  });

  it('ignores what comes after the sniffing window', async () => {
    expect(await sniffFormat(Buffer.concat([bytes('plain text'), Buffer.alloc(5000), PNG_HEAD]))).toBeNull();
  });
});
