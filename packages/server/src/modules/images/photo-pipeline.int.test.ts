import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  animated,
  heicFtypOnly,
  iphoneWithAppendedJpeg,
  isRed,
  markedPhoto,
  phoneJpeg,
  pixelAt,
  pixelFloodPng,
  SVG_WITH_SCRIPT,
  taggedP3Jpeg,
} from '../../../test/photo-fixtures.ts';
import { type LocalBlobStore, localBlobStore } from '../../platform/blob-store.ts';
import { KeyRing } from '../../platform/crypto.ts';
import {
  DEFAULT_PHOTO_LIMITS,
  type IngestOutcome,
  ingestPhoto,
  type PhotoOutcome,
  PhotoWorkerPool,
  storePhotoDerivatives,
} from './index.ts';

const SOI = Buffer.from([0xff, 0xd8, 0xff]);
const ring = new KeyRing({ id: 'k1', key: randomBytes(32) });

let tmp: string;
let store: LocalBlobStore;
let pool: PhotoWorkerPool;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-photos-'));
  store = localBlobStore(tmp, ring);
  pool = new PhotoWorkerPool({ size: 2 });
});
afterAll(async () => {
  await pool.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function countOf(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}

async function listedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const b of store.list()) keys.push(b.key);
  return keys;
}

function expectStored(outcome: IngestOutcome): asserts outcome is Extract<IngestOutcome, { stored: true }> {
  expect(outcome).toMatchObject({ stored: true });
}

function expectProcessed(outcome: PhotoOutcome): asserts outcome is Extract<PhotoOutcome, { ok: true }> {
  expect(outcome).toMatchObject({ ok: true });
}

/** Everything an EXIF/XMP/IPTC/ICC reader can find, or undefined when there is nothing. */
function readAllMetadata(image: Buffer) {
  return exifr.parse(image, {
    tiff: true,
    ifd0: true,
    ifd1: true,
    exif: true,
    gps: true,
    interop: true,
    xmp: true,
    iptc: true,
    icc: true,
    jfif: false,
    mergeOutput: false,
  } as unknown as Parameters<typeof exifr.parse>[1]);
}

describe('privacy: stored images carry no metadata and are upright', () => {
  it('a phone JPEG with GPS, capture time, Orientation=6, XMP, IPTC, a comment and a P3 profile', async () => {
    const input = await phoneJpeg(1200, 900);
    // the fixture really carries what must be removed
    const before = await readAllMetadata(input);
    expect(before.gps.latitude).toBeCloseTo(51.5);
    expect(before.ifd0.Orientation).toBe('Rotate 90 CW');
    expect(before.dc.creator).toBe('Jane Patient');
    expect(before.icc.ProfileDescription).toBe('sP3C');
    expect(before.iptc).toBeTruthy();
    expect(input.includes('COMMENT-SECRET')).toBe(true);

    const outcome = await ingestPhoto(pool, store, input);
    expectStored(outcome);
    expect(outcome.captureTime).toBe('2024-05-01T10:22:33+02:00');
    expect(outcome.format).toBe('jpeg');
    expect([outcome.width, outcome.height]).toEqual([900, 1200]);

    for (const [name, key] of Object.entries(outcome.blobs)) {
      const stored = await store.read(key);
      expect(stored.subarray(0, 3).equals(SOI), name).toBe(true);
      expect(await readAllMetadata(stored), name).toBeUndefined();
      const meta = await sharp(stored).metadata();
      expect(meta.exif, name).toBeUndefined();
      expect(meta.xmp, name).toBeUndefined();
      expect(meta.iptc, name).toBeUndefined();
      expect(meta.icc, name).toBeUndefined();
      expect(meta.comments ?? [], name).toEqual([]);
      expect(meta.orientation, name).toBeUndefined();
      for (const secret of ['COMMENT-SECRET', 'Jane Patient', 'iPhone', 'patient-name-in-software-tag']) {
        expect(stored.includes(secret), `${name} contains ${secret}`).toBe(false);
      }
      // upright: the marker stored in the top-left corner is shown top-right after a 90° clockwise turn
      expect(meta.height! > meta.width!, name).toBe(true);
      expect(isRed(await pixelAt(stored, meta.width! - 3, 2)), `${name} top-right`).toBe(true);
      expect(isRed(await pixelAt(stored, 2, 2)), `${name} top-left`).toBe(false);
    }
  });

  it('an iPhone HEIC (HEVC) is decoded, not refused, and stored as upright JPEG derivatives without its EXIF/GPS', async () => {
    const input = fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/skin-iphone.heic'));
    // the fixture really carries an EXIF block (with GPS, see test/fixtures/README.md) and identifying tags
    expect(input.includes('Exif\0\0')).toBe(true);
    expect(input.includes('patient-name-in-software-tag')).toBe(true);
    expect(input.includes('iPhone 15')).toBe(true);

    const outcome = await ingestPhoto(pool, store, input);
    expectStored(outcome);
    expect(outcome.format).toBe('heic');
    expect([outcome.width, outcome.height]).toEqual([1600, 2133]);
    for (const [name, key] of Object.entries(outcome.blobs)) {
      const stored = await store.read(key);
      expect(stored.subarray(0, 3).equals(SOI), name).toBe(true);
      expect(await readAllMetadata(stored), name).toBeUndefined();
      for (const secret of ['iPhone', 'patient-name-in-software-tag']) {
        expect(stored.includes(secret), `${name} contains ${secret}`).toBe(false);
      }
      const meta = await sharp(stored).metadata();
      expect(meta.height! > meta.width!, name).toBe(true);
    }
    const master = await sharp(await store.read(outcome.blobs.master)).metadata();
    expect([master.width, master.height]).toEqual([1600, 2133]);
  });

  it('the second JPEG an iPhone appends (with its own EXIF) does not survive', async () => {
    const input = await iphoneWithAppendedJpeg();
    expect(countOf(input, SOI)).toBe(2);
    expect(input.includes('SECOND-IMAGE-SECRET')).toBe(true);
    const tail = input.subarray(input.lastIndexOf(SOI));
    expect((await readAllMetadata(tail)).ifd0.Make).toBe('SECOND-IMAGE-EXIF');

    const outcome = await ingestPhoto(pool, store, input);
    expectStored(outcome);
    for (const [name, key] of Object.entries(outcome.blobs)) {
      const stored = await store.read(key);
      // entropy-coded data stuffs 0xFF with 0x00, so a second SOI could only be a second image
      expect(countOf(stored, SOI), name).toBe(1);
      expect(stored.includes('SECOND-IMAGE'), name).toBe(false);
      expect(await readAllMetadata(stored), name).toBeUndefined();
      // and the image is the first one (the marked photo), not the green appended one
      expect(isRed(await pixelAt(stored, 2, 2)), name).toBe(true);
    }
  });

  it('converts a Display P3 photo to sRGB instead of keeping the profile', async () => {
    const pixels = await sharp({ create: { width: 900, height: 800, channels: 3, background: '#c86432' } })
      .png()
      .toBuffer();
    const p3 = await taggedP3Jpeg(pixels);
    expect((await sharp(p3).metadata()).icc).toBeDefined();
    const plain = await sharp(pixels).jpeg({ quality: 95 }).toBuffer();
    const [fromP3, fromPlain] = await Promise.all([pool.process(p3), pool.process(plain)]);
    expectProcessed(fromP3);
    expectProcessed(fromPlain);
    expect((await sharp(fromP3.derivatives.master).metadata()).icc).toBeUndefined();
    const [r3] = await pixelAt(fromP3.derivatives.master, 400, 400);
    const [r] = await pixelAt(fromPlain.derivatives.master, 400, 400);
    // P3's red primary is more saturated than sRGB's: the same numbers mean a redder colour
    expect(r3).toBeGreaterThan(r + 5);
  });
});

describe('orientation: every EXIF orientation comes out upright in every derivative', () => {
  // The red block sits in the top-left corner of the STORED pixels; libvips' own EXIF auto-orientation of the
  // same file says where it must end up. 2400×1800 goes through the preview reduction and the 1600 px gate size.
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('Orientation=%i', async (orientation) => {
    const input = await (await markedPhoto(2400, 1800)).jpeg({ quality: 90 }).withMetadata({ orientation }).toBuffer();
    const reference = await sharp(input).rotate().png().toBuffer();
    const ref = await sharp(reference).metadata();
    const corners = (w: number, h: number) => [
      [3, 3],
      [w - 4, 3],
      [3, h - 4],
      [w - 4, h - 4],
    ];
    const redCorners = async (image: Buffer, w: number, h: number) =>
      Promise.all(corners(w, h).map(async ([x, y]) => isRed(await pixelAt(image, x!, y!))));
    const expected = await redCorners(reference, ref.width!, ref.height!);
    expect(expected.filter(Boolean)).toHaveLength(1);

    const outcome = await pool.process(input);
    expectProcessed(outcome);
    expect([outcome.width, outcome.height]).toEqual([ref.width, ref.height]);
    for (const name of ['master', 'preview', 'thumbnail'] as const) {
      const meta = await sharp(outcome.derivatives[name]).metadata();
      expect(meta.orientation, name).toBeUndefined();
      expect(meta.width! > meta.height!, name).toBe(ref.width! > ref.height!);
      expect(await redCorners(outcome.derivatives[name], meta.width!, meta.height!), name).toEqual(expected);
    }
  });
});

describe('derivatives', () => {
  it('gives a full-resolution master, a 2048 px preview and a 320 px thumbnail from a 12 MP photo', async () => {
    const input = await (await markedPhoto(4032, 3024)).jpeg({ quality: 90 }).toBuffer();
    const outcome = await pool.process(input);
    expectProcessed(outcome);
    const sizes = await Promise.all(
      (['master', 'preview', 'thumbnail'] as const).map(async (n) => {
        const m = await sharp(outcome.derivatives[n]).metadata();
        return [m.format, m.width, m.height];
      }),
    );
    expect(sizes).toEqual([
      ['jpeg', 4032, 3024],
      ['jpeg', 2048, 1536],
      ['jpeg', 320, 240],
    ]);
    expect(outcome.metrics).toMatchObject({ width: 4032, height: 3024, analysisWidth: 800, analysisHeight: 600 });
  });

  it('reads only the first frame of an animated WebP', async () => {
    const outcome = await pool.process(await animated('webp'));
    expectProcessed(outcome);
    expect([outcome.width, outcome.height]).toEqual([900, 800]);
    expect(isRed(await pixelAt(outcome.derivatives.master, 450, 700))).toBe(true);
  });

  it('lays PNG transparency over white and turns 16-bit grey into 8-bit RGB', async () => {
    const grey16 = await sharp({ create: { width: 900, height: 800, channels: 4, background: '#80808000' } })
      .toColourspace('grey16')
      .png()
      .toBuffer();
    const meta = await sharp(grey16).metadata();
    expect([meta.depth, meta.hasAlpha]).toEqual(['ushort', true]);
    const outcome = await pool.process(grey16);
    expectProcessed(outcome);
    const m = await sharp(outcome.derivatives.master).metadata();
    expect([m.channels, m.depth]).toEqual([3, 'uchar']);
    expect(await pixelAt(outcome.derivatives.master, 10, 10)).toEqual([255, 255, 255]);
  });

  it('stores sealed files that are not JPEG on disk and open to the exact derivative', async () => {
    const outcome = await pool.process(await (await markedPhoto(1200, 900)).jpeg().toBuffer());
    expectProcessed(outcome);
    const keys = await storePhotoDerivatives(store, outcome.derivatives);
    for (const name of ['master', 'preview', 'thumbnail'] as const) {
      const onDisk = fs.readFileSync(store.pathOf(keys[name]));
      // Not the bare SOI marker: random ciphertext contains any 3-byte sequence now and then.
      expect(onDisk.subarray(0, 3).equals(SOI), name).toBe(false);
      expect(onDisk.includes(outcome.derivatives[name].subarray(0, 64)), name).toBe(false);
      expect(onDisk.includes('JFIF'), name).toBe(false);
      expect((await store.read(keys[name])).equals(outcome.derivatives[name]), name).toBe(true);
    }
  });
});

describe('bad files: a stable code, nothing stored', () => {
  const limit = DEFAULT_PHOTO_LIMITS.maxBytes;
  let before: string[];
  beforeAll(async () => {
    before = await listedKeys();
  });

  async function paddedJpeg(total: number): Promise<Buffer> {
    const jpeg = await (await markedPhoto(1200, 900)).jpeg().toBuffer();
    return Buffer.concat([jpeg, Buffer.alloc(total - jpeg.length)]);
  }

  const cases: [string, () => Promise<Buffer | { path: string }>, string][] = [
    ['zero bytes', async () => Buffer.alloc(0), 'FILE_EMPTY'],
    ['a zero-byte file', async () => writeTemp('empty.jpg', Buffer.alloc(0)), 'FILE_EMPTY'],
    [
      'text renamed .jpg',
      async () => writeTemp('notes.jpg', Buffer.from('Patient notes, not a photo\n')),
      'FORMAT_NOT_ALLOWED',
    ],
    ['an SVG with a script', async () => SVG_WITH_SCRIPT, 'FORMAT_NOT_ALLOWED'],
    ['an animated GIF', () => animated('gif'), 'FORMAT_NOT_ALLOWED'],
    [
      'an AVIF photo',
      () =>
        sharp({ create: { width: 900, height: 800, channels: 3, background: '#888' } })
          .avif()
          .toBuffer(),
      'FORMAT_NOT_ALLOWED',
    ],
    [
      'a TIFF photo',
      () =>
        sharp({ create: { width: 900, height: 800, channels: 3, background: '#888' } })
          .tiff()
          .toBuffer(),
      'FORMAT_NOT_ALLOWED',
    ],
    [
      'a truncated JPEG',
      async () => {
        const jpeg = await (await markedPhoto(1200, 900)).jpeg().toBuffer();
        return jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
      },
      'FILE_CORRUPT',
    ],
    [
      'a JPEG header and nothing else',
      async () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]),
      'FILE_CORRUPT',
    ],
    ['a pixel-flood PNG (15000×15000)', pixelFloodPng, 'TOO_MANY_PIXELS'],
    ['one byte over 25 MB, in memory', () => paddedJpeg(limit + 1), 'FILE_TOO_LARGE'],
    [
      'one byte over 25 MB, as a file (judged from its size, not read)',
      async () => {
        const file = writeTemp('huge.jpg', Buffer.alloc(0));
        fs.truncateSync(file.path, limit + 1);
        return file;
      },
      'FILE_TOO_LARGE',
    ],
    ['a missing file', async () => ({ path: path.join(tmp, 'no-such-file.jpg') }), 'FILE_UNREADABLE'],
    ['a folder instead of a file', async () => ({ path: tmp }), 'FILE_UNREADABLE'],
    ['a HEIC container with no image in it', async () => heicFtypOnly('heic'), 'FILE_CORRUPT'],
    ['a HEIF container with no image in it', async () => heicFtypOnly('mif1'), 'FILE_CORRUPT'],
  ];

  function writeTemp(name: string, bytes: Buffer): { path: string } {
    const dir = fs.mkdtempSync(path.join(tmp, 'in-'));
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return { path: file };
  }

  it.each(cases)('%s', async (_name, make, code) => {
    const outcome = await ingestPhoto(pool, store, await make());
    expect(outcome).toEqual({ stored: false, decision: 'reject', rejection: code, reasons: [code], score: 0 });
    expect(await listedKeys()).toEqual(before);
  });

  it('accepts a photo of exactly 25 MB (the limit is inclusive)', async () => {
    const outcome = await pool.process(await paddedJpeg(limit));
    expect(outcome.ok).toBe(true);
  });

  it('checks the pixel limit from the header of an ordinary photo too', async () => {
    const jpeg = await (await markedPhoto(1200, 900)).jpeg().toBuffer();
    expect(await pool.process(jpeg, { limits: { ...DEFAULT_PHOTO_LIMITS, maxPixels: 1200 * 900 - 1 } })).toEqual({
      ok: false,
      code: 'TOO_MANY_PIXELS',
    });
  });

  it('does not store a photo the quality gate rejects (the server decides, not the client)', async () => {
    const flat = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#7a5a48' } })
      .jpeg()
      .toBuffer();
    const outcome = await ingestPhoto(pool, store, flat);
    expect(outcome).toMatchObject({ stored: false, decision: 'reject', reasons: ['TOO_BLURRY'] });
    expect(await listedKeys()).toEqual(before);
  });
});
