import { createRequire } from 'node:module';
import { ImageRejection } from './rejection-codes.ts';

interface HeicImage {
  width: number;
  height: number;
  decode(): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
}
type DecodeAll = (input: { buffer: Uint8Array }) => Promise<HeicImage[] & { dispose(): void }>;

// heic-decode is CommonJS without types; libheif (HEVC via libde265) compiled to wasm, so prebuilt sharp's
// missing HEIC support costs nothing at install time. It does its work synchronously: run it in a worker.
const decodeAll = (createRequire(import.meta.url)('heic-decode') as { all: DecodeAll }).all;

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * The primary image of a HEIC/HEIF file as RGBA. The size is read from the container (the `ispe` property)
 * and checked before any pixel is decoded; libheif applies the file's rotation and mirroring (irot/imir).
 */
export async function decodeHeic(bytes: Uint8Array, maxPixels: number): Promise<RgbaImage> {
  let images: Awaited<ReturnType<DecodeAll>>;
  try {
    images = await decodeAll({ buffer: bytes });
  } catch {
    throw new ImageRejection('FILE_CORRUPT');
  }
  try {
    const primary = images[0];
    if (!primary?.width || !primary.height) throw new ImageRejection('FILE_CORRUPT');
    if (primary.width * primary.height > maxPixels) throw new ImageRejection('TOO_MANY_PIXELS');
    const decoded = await primary.decode().catch(() => {
      throw new ImageRejection('FILE_CORRUPT');
    });
    return {
      width: decoded.width,
      height: decoded.height,
      data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength),
    };
  } finally {
    images.dispose();
  }
}
