/**
 * The upright size (EXIF orientation applied) of a JPEG read from its header alone (no decode), so the worker can ask the browser to
 * decode straight to the 1600 px pre-shrink size in one step. Undefined when the format is not recognised or the
 * header is malformed: the caller then decodes at full size first.
 */
export interface JpegHeader {
  /** Upright size (EXIF orientation applied). */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent). */
  orientation: number;
  /** Size as stored, before orientation. */
  storedWidth: number;
  storedHeight: number;
}

export function uprightSize(bytes: Uint8Array): JpegHeader | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let orientation = 1;
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) return undefined;
    const marker = bytes[p + 1]!;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      p += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image / start of scan before any SOF
    const length = view.getUint16(p + 2);
    if (length < 2 || p + 2 + length > bytes.length) return undefined;
    const segment = p + 4;
    if (marker === 0xe1 && orientation === 1) orientation = exifOrientation(view, segment, length - 2) ?? 1;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (length < 7) return undefined;
      const height = view.getUint16(segment + 1);
      const width = view.getUint16(segment + 3);
      if (!width || !height) return undefined;
      const swap = orientation >= 5 && orientation <= 8;
      return {
        width: swap ? height : width,
        height: swap ? width : height,
        orientation,
        storedWidth: width,
        storedHeight: height,
      };
    }
    p += 2 + length;
  }
  return undefined;
}

// EXIF orientation (1–8) from an APP1 segment, or undefined when it is not an EXIF segment or has no tag 0x0112.
function exifOrientation(view: DataView, start: number, length: number): number | undefined {
  if (length < 14 || view.getUint32(start) !== 0x45786966 || view.getUint16(start + 4) !== 0) return undefined;
  const tiff = start + 6;
  const end = start + length;
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return undefined;
  const little = order === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return undefined;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return undefined;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}
