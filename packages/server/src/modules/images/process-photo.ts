import {
  ANALYSIS_LONG_EDGE,
  analysisSizeFor,
  assessPhotoQuality,
  type QualityDecision,
  type QualityMetrics,
  type QualityReasonCode,
  toAnalysisLuma,
} from '@dermis/core';
import sharp from 'sharp';
import { readCaptureTime } from './capture-time.ts';
import { decodeHeic } from './heic.ts';
import { type ExifOrientation, exifOrientation, swapsSides, turnUpright } from './orientation.ts';
import { ImageRejection } from './rejection-codes.ts';
import { type PhotoFormat, sniffFormat } from './sniff-format.ts';

export interface PhotoLimits {
  /** Largest file accepted, in bytes (issue 4: 25 MB per photo). */
  maxBytes: number;
  /** Largest image accepted, in pixels, read from the header before anything is decoded. */
  maxPixels: number;
}

export const DEFAULT_PHOTO_LIMITS: PhotoLimits = {
  maxBytes: 25 * 1024 * 1024,
  // 50 MP phone sensors in full-resolution mode (8160×6144) pass; 15000×15000 bombs and 200 MP modes do not.
  maxPixels: 52_000_000,
};

export interface PhotoDerivatives {
  /** Full resolution, upright, no metadata. */
  master: Buffer;
  /** Long edge at most PREVIEW_LONG_EDGE, for the review screen. */
  preview: Buffer;
  /** Long edge at most THUMBNAIL_LONG_EDGE, for queues and pickers. */
  thumbnail: Buffer;
}

export interface ProcessedPhoto {
  format: PhotoFormat;
  /** Upright size of the master. */
  width: number;
  height: number;
  decision: QualityDecision;
  reasons: QualityReasonCode[];
  score: number;
  metrics: QualityMetrics;
  /** EXIF DateTimeOriginal as ISO 8601, for the database only. */
  captureTime?: string;
  derivatives: PhotoDerivatives;
}

export const PREVIEW_LONG_EDGE = 2048;
export const THUMBNAIL_LONG_EDGE = 320;
/**
 * The quality gate's intermediate: 1600 px long edge, as the web check makes it (quality-worker.ts), then core's
 * area average to the 800 px analysis size, so client and server feed the gate alike.
 */
const LUMA_SOURCE_LONG_EDGE = 2 * ANALYSIS_LONG_EDGE;

// All derivatives are baseline JPEG: every browser, EHR and PDF tool reads it. Huffman optimisation and
// mozjpeg's trellis are off: they cost 3–4× the encode time of a 12 MP master for about 5% in size.
// 4:2:0 chroma is what the phone wrote already; 4:4:4 would double the chroma data and recover nothing.
const MASTER_JPEG = { quality: 90, chromaSubsampling: '4:2:0', optimiseCoding: false, mozjpeg: false } as const;
const PREVIEW_JPEG = { quality: 85, chromaSubsampling: '4:2:0', optimiseCoding: false, mozjpeg: false } as const;
const THUMBNAIL_JPEG = { quality: 80, chromaSubsampling: '4:2:0', optimiseCoding: false, mozjpeg: false } as const;

/** Decoded 8-bit sRGB pixels as stored in the file, with the turn that makes them upright. */
interface Decoded {
  pixels: Buffer;
  /** Stored size (before the turn). */
  width: number;
  height: number;
  orientation: ExifOrientation;
  captureTime?: string;
}

/** libvips says "exceeds pixel limit" when its own limit trips; anything else it cannot decode is damage. */
function decodeFailure(error: unknown): ImageRejection {
  const message = error instanceof Error ? error.message : '';
  return new ImageRejection(/pixel limit/i.test(message) ? 'TOO_MANY_PIXELS' : 'FILE_CORRUPT');
}

/**
 * JPEG, PNG, WebP: the header is read first (no pixels), so a decompression bomb is refused before a byte of it
 * is inflated; libvips' own `limitInputPixels` is the second lock. One decode then gives 8-bit sRGB:
 * - the EXIF orientation is read here and applied to every derivative (`turnUpright`), never dropped;
 * - only the first frame of an animated WebP or APNG is read (sharp's default, `pages: 1`);
 * - an embedded ICC profile (Display P3 on iPhones) is converted to sRGB and not kept: every viewer, EHR and
 *   PDF then shows the same colours, and the stored files carry no profile;
 * - alpha is laid over white (JPEG has none); grey becomes RGB; 16-bit becomes 8-bit.
 */
async function decodeWithLibvips(bytes: Buffer, limits: PhotoLimits): Promise<Decoded> {
  let header: sharp.Metadata;
  try {
    header = await sharp(bytes).metadata();
  } catch (error) {
    throw decodeFailure(error);
  }
  const frameHeight = header.pageHeight ?? header.height;
  if (!header.width || !frameHeight) throw new ImageRejection('FILE_CORRUPT');
  if (header.width * frameHeight > limits.maxPixels) throw new ImageRejection('TOO_MANY_PIXELS');
  try {
    // failOn 'error': truncated or broken data fails; harmless libjpeg warnings (some Android files) do not
    const { data, info } = await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new ImageRejection('FILE_CORRUPT');
    return {
      pixels: data,
      width: info.width,
      height: info.height,
      orientation: exifOrientation(header.orientation),
      captureTime: readCaptureTime(header.exif),
    };
  } catch (error) {
    throw error instanceof ImageRejection ? error : decodeFailure(error);
  }
}

/** HEIC: libheif (wasm) reads the size from the container, then decodes; it applies irot/imir itself. */
async function decodeWithLibheif(bytes: Buffer, limits: PhotoLimits): Promise<Decoded> {
  const rgba = await decodeHeic(bytes, limits.maxPixels);
  try {
    const { data, info } = await sharp(rgba.data, {
      raw: { width: rgba.width, height: rgba.height, channels: 4 },
      limitInputPixels: limits.maxPixels,
    })
      .flatten({ background: '#ffffff' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { pixels: data, width: info.width, height: info.height, orientation: 1 };
  } catch (error) {
    throw decodeFailure(error);
  }
}

interface RawImage {
  data: Buffer;
  width: number;
  height: number;
}

const rawInput = (image: RawImage) =>
  sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });

/** `image` reduced to fit `longEdge` (never enlarged) and, when `orientation` is given, turned upright. */
async function reduce(image: RawImage, longEdge: number, orientation: ExifOrientation = 1): Promise<RawImage> {
  const fits = Math.max(image.width, image.height) <= longEdge;
  if (fits && orientation === 1) return image;
  // reduce, then turn the reduced pixels: a turn moves the whole frame, so it is done where the frame is small
  const reduced = fits
    ? image
    : await rawInput(image)
        .resize(longEdge, longEdge, { fit: 'inside' })
        .raw()
        .toBuffer({ resolveWithObject: true })
        .then(({ data, info }) => ({ data, width: info.width, height: info.height }));
  if (orientation === 1) return reduced;
  const { data, info } = await turnUpright(rawInput(reduced), orientation).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The server's photo pipeline, in the calling thread (the API calls it through `PhotoWorkerPool`, never
 * directly): sniff, limits, one decode, quality gate, and the three derivatives. Metadata does not survive:
 * the derivatives are encoded from raw pixels, so EXIF, GPS, XMP, IPTC, ICC, comments and anything appended
 * after the image (the second JPEG iPhones add) have nothing to travel in.
 *
 * One decode feeds everything, and the full-resolution frame is read only twice: by the master's encoder (turned
 * upright on the way) and by one reduction to the preview size. The preview's pixels, turned upright, then give the
 * thumbnail and the gate's 1600 px intermediate (the web check likewise reduces a DCT-scaled decode, not the full
 * frame). libvips encodes on its own threads while the gate runs in JavaScript.
 */
export async function processPhotoBytes(
  bytes: Buffer,
  limits: PhotoLimits = DEFAULT_PHOTO_LIMITS,
): Promise<ProcessedPhoto> {
  if (bytes.length === 0) throw new ImageRejection('FILE_EMPTY');
  if (bytes.length > limits.maxBytes) throw new ImageRejection('FILE_TOO_LARGE');
  const format = await sniffFormat(bytes);
  if (!format) throw new ImageRejection('FORMAT_NOT_ALLOWED');

  const decoded = format === 'heic' ? await decodeWithLibheif(bytes, limits) : await decodeWithLibvips(bytes, limits);
  const { orientation } = decoded;
  const stored: RawImage = { data: decoded.pixels, width: decoded.width, height: decoded.height };
  const [width, height] = swapsSides(orientation) ? [stored.height, stored.width] : [stored.width, stored.height];

  const master = turnUpright(rawInput(stored), orientation).jpeg(MASTER_JPEG).toBuffer();
  master.catch(() => undefined); // awaited below; keeps a failure from being reported as unhandled meanwhile
  let preview: Promise<Buffer>;
  let thumbnail: Promise<Buffer>;
  let lumaSource: RawImage;
  try {
    const previewPixels = await reduce(stored, PREVIEW_LONG_EDGE, orientation);
    preview = rawInput(previewPixels).jpeg(PREVIEW_JPEG).toBuffer();
    preview.catch(() => undefined);
    lumaSource = await reduce(previewPixels, LUMA_SOURCE_LONG_EDGE);
    thumbnail = rawInput(lumaSource)
      .resize(THUMBNAIL_LONG_EDGE, THUMBNAIL_LONG_EDGE, { fit: 'inside', withoutEnlargement: true })
      .jpeg(THUMBNAIL_JPEG)
      .toBuffer();
    thumbnail.catch(() => undefined);
  } catch {
    throw new ImageRejection('PROCESSING_FAILED');
  }
  const analysis = toAnalysisLuma(
    { width: lumaSource.width, height: lumaSource.height, channels: 3, data: lumaSource.data },
    analysisSizeFor(width, height),
  );
  const quality = assessPhotoQuality({
    width,
    height,
    luma: analysis.luma,
    brightest: analysis.brightest,
    analysisWidth: analysis.width,
    analysisHeight: analysis.height,
  });
  let derivatives: PhotoDerivatives;
  try {
    const [m, p, t] = await Promise.all([master, preview, thumbnail]);
    derivatives = { master: m, preview: p, thumbnail: t };
  } catch {
    throw new ImageRejection('PROCESSING_FAILED');
  }
  return {
    format,
    width,
    height,
    decision: quality.decision,
    reasons: quality.reasons,
    score: quality.score,
    metrics: quality.metrics,
    ...(decoded.captureTime ? { captureTime: decoded.captureTime } : {}),
    derivatives,
  };
}
