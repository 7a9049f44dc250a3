import sharp from 'sharp';

/** NHS e-RS attachments are capped at 5 MB per file on the established endpoints (DESIGN.md field facts). */
export const ERS_MAX_FILE_BYTES = 5 * 1000 * 1000;
/** Masters come from our own pipeline (pixel-limited at ingest); this is a second fence, not the first. */
const MAX_INPUT_PIXELS = 100_000_000;
const QUALITIES = [88, 80, 72] as const;

export interface FittedImage {
  bytes: Buffer;
  width: number;
  height: number;
  isReencoded: boolean;
}

/**
 * A JPEG of at most `maxBytes`: the master as stored when it fits (already upright and metadata-free), else
 * re-encoded at falling quality and then smaller sizes until it does. sharp writes no metadata unless asked,
 * and rotate() first keeps the picture upright whatever the input says. Runs in a worker (fit-image-worker.ts).
 */
export async function fitJpegUnder(master: Buffer, maxBytes: number): Promise<FittedImage> {
  const meta = await sharp(master, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (master.length <= maxBytes && meta.format === 'jpeg') return { bytes: master, width, height, isReencoded: false };
  const encode = (quality: number, longEdge?: number) =>
    sharp(master, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize(longEdge ? { width: longEdge, height: longEdge, fit: 'inside', withoutEnlargement: true } : undefined)
      .jpeg({ quality, chromaSubsampling: '4:2:0' })
      .toBuffer({ resolveWithObject: true });
  let best = await encode(QUALITIES[0]);
  const lowest = QUALITIES[QUALITIES.length - 1] ?? QUALITIES[0];
  for (const quality of QUALITIES.slice(1)) {
    if (best.data.length <= maxBytes) break;
    best = await encode(quality);
  }
  let longEdge = Math.max(best.info.width, best.info.height);
  while (best.data.length > maxBytes && longEdge > 256) {
    // bytes scale roughly with pixels: shrink by the square root of the overshoot, with a margin
    longEdge = Math.floor(longEdge * Math.sqrt(maxBytes / best.data.length) * 0.95);
    best = await encode(lowest, longEdge);
  }
  if (best.data.length > maxBytes) throw new Error('image does not fit the size limit');
  return { bytes: best.data, width: best.info.width, height: best.info.height, isReencoded: true };
}
