import { fileTypeFromBuffer } from 'file-type';

/** The allowlist (issue 4): what phones and desktops produce for photos. Everything else is refused. */
export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'heic';

const ALLOWED: Record<string, PhotoFormat> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  // iPhones: HEIC; other HEIF stills decode the same way (libheif)
  'image/heic': 'heic',
  'image/heif': 'heic',
};

/** Bytes file-type needs to recognise every allowed format (HEIF brands sit in the first box). */
export const SNIFF_BYTES = 4100;

/** The format from magic bytes, never from the file name or the declared content type; null when not allowed. */
export async function sniffFormat(head: Uint8Array): Promise<PhotoFormat | null> {
  const type = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
  // PNG and WebP are also the containers of APNG and animated WebP: their first frame is used (see decode)
  return (type && ALLOWED[type.mime === 'image/apng' ? 'image/png' : type.mime]) ?? null;
}
