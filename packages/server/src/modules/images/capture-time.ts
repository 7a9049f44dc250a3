/**
 * The capture time from EXIF (DateTimeOriginal, with OffsetTimeOriginal when the camera wrote one), read from
 * the raw EXIF block libvips hands over. It is kept in the database only; the stored images carry no EXIF.
 * A small bounded reader instead of a full EXIF library: it follows one pointer and never loops.
 */
const TAG_EXIF_IFD = 0x8769;
const TAG_DATE_TIME_ORIGINAL = 0x9003;
const TAG_OFFSET_TIME_ORIGINAL = 0x9011;
const TYPE_ASCII = 2;
const TYPE_LONG = 4;

interface Entry {
  type: number;
  count: number;
  valueAt: number;
}

function readIfd(tiff: Buffer, at: number, little: boolean): Map<number, Entry> {
  const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const entries = new Map<number, Entry>();
  if (at + 2 > tiff.length) return entries;
  const count = Math.min(u16(at), 512);
  for (let i = 0; i < count; i++) {
    const e = at + 2 + i * 12;
    if (e + 12 > tiff.length) break;
    const type = u16(e + 2);
    const n = u32(e + 4);
    // values up to 4 bytes sit in the entry itself; longer ones elsewhere, at the offset given
    const size = type === TYPE_ASCII ? n : 4 * n;
    entries.set(u16(e), { type, count: n, valueAt: size <= 4 ? e + 8 : u32(e + 8) });
  }
  return entries;
}

function ascii(tiff: Buffer, entry: Entry | undefined): string | undefined {
  if (!entry || entry.type !== TYPE_ASCII || entry.valueAt + entry.count > tiff.length) return undefined;
  return tiff
    .subarray(entry.valueAt, entry.valueAt + entry.count)
    .toString('latin1')
    .replace(/\0.*$/s, '');
}

/** ISO 8601 local time ("2024-05-01T10:22:33", "+02:00" appended when known), or undefined. */
export function readCaptureTime(exif: Buffer | undefined): string | undefined {
  if (!exif) return undefined;
  try {
    const start = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0;
    const tiff = exif.subarray(start);
    const order = tiff.subarray(0, 2).toString('latin1');
    if (order !== 'II' && order !== 'MM') return undefined;
    const little = order === 'II';
    const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
    const ifd0 = readIfd(tiff, u32(4), little);
    const pointer = ifd0.get(TAG_EXIF_IFD);
    if (!pointer || pointer.type !== TYPE_LONG) return undefined;
    const exifIfd = readIfd(tiff, u32(pointer.valueAt), little);
    const taken = ascii(tiff, exifIfd.get(TAG_DATE_TIME_ORIGINAL));
    const m = taken?.match(/^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/);
    if (!m || m[1] === '0000') return undefined;
    const offset = ascii(tiff, exifIfd.get(TAG_OFFSET_TIME_ORIGINAL));
    const zone = offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '';
    return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`;
  } catch {
    // a damaged EXIF block costs the capture time, never the photo
    return undefined;
  }
}
