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
/** Intermediate size for the quality gate's luma (luminance.ts allows pre-shrinking to 2× the analysis size). */
const LUMA_SOURCE_LONG_EDGE = 2 * ANALYSIS_LONG_EDGE;

// All derivatives are baseline JPEG: every browser, EHR and PDF tool reads it. Huffman optimisation and
// mozjpeg's trellis are off: they cost 3–4× the encode time of a 12 MP master for about 5% in size.
// 4:2:0 chroma is what the phone wrote already; 4:4:4 would double the chroma data and recover nothing.
const MASTER_JPEG = { quality: 90, chromaSubsampling: '4:2:0', optimiseCoding: false, mozjpeg: false } as const;
const PREVIEW_JPEG = { quality: 85, chromaSubsampling: '4:2:0', optimiseCoding: false, mozjpeg: false } as const;
const THUMBNAIL_JPEG = { quality: 80, chromaSubsampling: '4:2:0', optimiseCoding: false, mozjpeg: false } as const;

interface Upright {
  pixels: Buffer;
  width: number;
  height: number;
  captureTime?: string;
}

/** libvips says "exceeds pixel limit" when its own limit trips; anything else it cannot decode is damage. */
function decodeFailure(error: unknown): ImageRejection {
  const message = error instanceof Error ? error.message : '';
  return new ImageRejection(/pixel limit/i.test(message) ? 'TOO_MANY_PIXELS' : 'FILE_CORRUPT');
}

/**
 * JPEG, PNG, WebP: the header is read first (no pixels), so a decompression bomb is refused before a byte of it
 * is inflated; libvips' own `limitInputPixels` is the second lock. One decode then gives upright 8-bit sRGB:
 * - `rotate()` applies EXIF orientation before anything else, or portraits turn sideways;
 * - only the first frame of an animated WebP or APNG is read (sharp's default, `pages: 1`);
 * - an embedded ICC profile (Display P3 on iPhones) is converted to sRGB and not kept: every viewer, EHR and
 *   PDF then shows the same colours, and the stored files carry no profile;
 * - alpha is laid over white (JPEG has none); grey becomes RGB; 16-bit becomes 8-bit.
 */
async function decodeWithLibvips(bytes: Buffer, limits: PhotoLimits): Promise<Upright> {
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
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new ImageRejection('FILE_CORRUPT');
    return { pixels: data, width: info.width, height: info.height, captureTime: readCaptureTime(header.exif) };
  } catch (error) {
    throw error instanceof ImageRejection ? error : decodeFailure(error);
  }
}

/** HEIC: libheif (wasm) reads the size from the container, then decodes; it applies irot/imir itself. */
async function decodeWithLibheif(bytes: Buffer, limits: PhotoLimits): Promise<Upright> {
  const rgba = await decodeHeic(bytes, limits.maxPixels);
  try {
    const { data, info } = await sharp(rgba.data, {
      raw: { width: rgba.width, height: rgba.height, channels: 4 },
      limitInputPixels: limits.maxPixels,
    })
      .flatten({ background: '#ffffff' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { pixels: data, width: info.width, height: info.height };
  } catch (error) {
    throw decodeFailure(error);
  }
}

/**
 * The server's photo pipeline, in the calling thread (the API calls it through `PhotoWorkerPool`, never
 * directly): sniff, limits, one decode, quality gate, and the three derivatives. Metadata does not survive:
 * the derivatives are encoded from raw pixels, so EXIF, GPS, XMP, IPTC, ICC, comments and anything appended
 * after the image (the second JPEG iPhones add) have nothing to travel in.
 */
export async function processPhotoBytes(
  bytes: Buffer,
  limits: PhotoLimits = DEFAULT_PHOTO_LIMITS,
): Promise<ProcessedPhoto> {
  if (bytes.length === 0) throw new ImageRejection('FILE_EMPTY');
  if (bytes.length > limits.maxBytes) throw new ImageRejection('FILE_TOO_LARGE');
  const format = await sniffFormat(bytes);
  if (!format) throw new ImageRejection('FORMAT_NOT_ALLOWED');

  const upright = format === 'heic' ? await decodeWithLibheif(bytes, limits) : await decodeWithLibvips(bytes, limits);
  const { width, height, pixels } = upright;
  const raw = { raw: { width, height, channels: 3 as const } };

  // libvips encodes the derivatives on its own threads while the gate's luma is prepared and measured
  const master = sharp(pixels, raw).jpeg(MASTER_JPEG).toBuffer();
  const previewAndThumbnail = sharp(pixels, raw)
    .resize(PREVIEW_LONG_EDGE, PREVIEW_LONG_EDGE, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true })
    .then(({ data, info }) => {
      const small = { raw: { width: info.width, height: info.height, channels: 3 as const } };
      return Promise.all([
        sharp(data, small).jpeg(PREVIEW_JPEG).toBuffer(),
        sharp(data, small)
          .resize(THUMBNAIL_LONG_EDGE, THUMBNAIL_LONG_EDGE, { fit: 'inside', withoutEnlargement: true })
          .jpeg(THUMBNAIL_JPEG)
          .toBuffer(),
      ]);
    });
  const encoding = Promise.all([master, previewAndThumbnail]);
  encoding.catch(() => undefined); // handled below; keeps a failure from being reported as unhandled meanwhile
  // The gate's input, decoded the way `npm run eval:quality` tuned it: the upright photo reduced by libvips to
  // at most twice the analysis size, then core's area averaging (toAnalysisLuma) to the analysis size.
  const lumaSource =
    Math.max(width, height) > LUMA_SOURCE_LONG_EDGE
      ? await sharp(pixels, raw)
          .resize(LUMA_SOURCE_LONG_EDGE, LUMA_SOURCE_LONG_EDGE, { fit: 'inside' })
          .raw()
          .toBuffer({ resolveWithObject: true })
          .catch(() => {
            throw new ImageRejection('PROCESSING_FAILED');
          })
      : { data: pixels, info: { width, height } };
  const analysis = toAnalysisLuma(
    { width: lumaSource.info.width, height: lumaSource.info.height, channels: 3, data: lumaSource.data },
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
  let encoded: [Buffer, [Buffer, Buffer]];
  try {
    encoded = await encoding;
  } catch {
    throw new ImageRejection('PROCESSING_FAILED');
  }
  const [masterJpeg, [preview, thumbnail]] = encoded;
  return {
    format,
    width,
    height,
    decision: quality.decision,
    reasons: quality.reasons,
    score: quality.score,
    metrics: quality.metrics,
    ...(upright.captureTime ? { captureTime: upright.captureTime } : {}),
    derivatives: { master: masterJpeg, preview, thumbnail },
  };
}
