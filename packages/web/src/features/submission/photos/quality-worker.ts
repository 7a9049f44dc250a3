/// <reference lib="webworker" />
// The on-device photo check, off the main thread. It feeds the SAME core gate the server runs
// (assessPhotoQuality after toAnalysisLuma), prepared the way the server prepares it: upright (EXIF orientation
// applied), reduced to 1600 px long edge, then core's area average to the 800 px analysis size. The server checks
// again and its decision is the one that counts; this one saves the patient an upload of a photo that would fail.
//
// Speed (issue 4, ≤ 150 ms for 12 MP in Chromium): for a JPEG the size and EXIF orientation are read from its
// header, then (1) where WebCodecs' ImageDecoder exists, the JPEG is decoded at a DCT-scaled size ≥ 1600 px
// (shrink-on-load, as sharp does on the server) and reduced to 1600 px with createImageBitmap; else (2) one
// createImageBitmap call decodes and reduces to 1600 px. Either way there is no full-size canvas pass; the canvas
// only reads the 1600 px pixels back. Other formats, or a header we cannot read, decode at full size first.
import { analysisSizeFor, assessPhotoQuality, toAnalysisLuma } from '@dermis/core';
import { PRE_SHRINK_LONG_EDGE, preShrinkSize } from './check-size.ts';
import { type JpegHeader, uprightSize } from './image-header.ts';
import type { QualityRequest, QualityResponse, QualityResult } from './quality-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Enough of the file for the JPEG header up to its frame size (EXIF, ICC profile and thumbnail included). */
const HEADER_BYTES = 256 * 1024;

interface Decoded {
  bitmap: ImageBitmap;
  /** Upright size of the photo as taken (what the resolution rules judge). */
  width: number;
  height: number;
}

const resize = (size: { width: number; height: number }): ImageBitmapOptions => ({
  imageOrientation: 'from-image',
  resizeWidth: size.width,
  resizeHeight: size.height,
  resizeQuality: 'high',
});

// JPEG shrink-on-load, as sharp/libvips does on the server: WebCodecs' ImageDecoder decodes a JPEG at n/8 of its
// size (DCT scaling) when asked for a smaller size; pick the smallest n that keeps at least the 1600 px
// intermediate (never below it, so the reduction to 1600 px stays a downscale). Undefined when the browser has
// no ImageDecoder, the photo is rotated by EXIF (left to createImageBitmap, which applies it), or no n < 8 fits.
async function decodeScaledJpeg(file: Blob, header: JpegHeader): Promise<ImageBitmap | undefined> {
  if (typeof ImageDecoder === 'undefined' || header.orientation !== 1) return undefined;
  const { storedWidth: w, storedHeight: h } = header;
  const n = Math.ceil((8 * PRE_SHRINK_LONG_EDGE) / Math.max(w, h));
  if (n >= 8) return undefined;
  const target = preShrinkSize(w, h);
  const decoder = new ImageDecoder({
    data: file.stream(),
    type: 'image/jpeg',
    // +1 px: Chromium derives n from the area asked for, rounding down; this keeps it from dropping to n − 1
    desiredWidth: Math.ceil((w * n) / 8) + 1,
    desiredHeight: Math.ceil((h * n) / 8) + 1,
    preferAnimation: false,
  });
  try {
    const { image } = await decoder.decode();
    try {
      const { displayWidth: dw, displayHeight: dh } = image;
      // not scaled as planned (or would need enlarging): let createImageBitmap decode the file instead
      if (dw < target.width || dh < target.height || dw * h !== dh * w) return undefined;
      return await createImageBitmap(image, resize(target));
    } finally {
      image.close();
    }
  } finally {
    decoder.close();
  }
}

async function decodeShrunk(file: Blob): Promise<Decoded> {
  const header = uprightSize(new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer()));
  if (header && Math.max(header.width, header.height) > PRE_SHRINK_LONG_EDGE) {
    const target = preShrinkSize(header.width, header.height);
    const bitmap =
      (await decodeScaledJpeg(file, header).catch(() => undefined)) ?? (await createImageBitmap(file, resize(target)));
    if (bitmap.width === target.width && bitmap.height === target.height) return { bitmap, ...header };
    bitmap.close(); // the header and the decoder disagree: fall back to decoding at full size
  }
  const full = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const { width, height } = full;
  if (Math.max(width, height) <= PRE_SHRINK_LONG_EDGE) return { bitmap: full, width, height };
  try {
    return { bitmap: await createImageBitmap(full, resize(preShrinkSize(width, height))), width, height };
  } finally {
    full.close();
  }
}

async function check(file: Blob): Promise<QualityResult> {
  const started = performance.now();
  let decoded: Decoded;
  try {
    decoded = await decodeShrunk(file);
  } catch {
    // e.g. HEIC/HEIF in Chromium or Firefox: do not block the patient, the server decodes it and decides.
    return { kind: 'undecodable', ms: performance.now() - started };
  }
  const decodedAt = performance.now();
  const { bitmap, width, height } = decoded;
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return { kind: 'undecodable', ms: performance.now() - started };
    context.drawImage(bitmap, 0, 0); // same size: a copy, no resampling
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const shrunkAt = performance.now();
    // RGBA straight from ImageData: toAnalysisLuma reads 4-channel pixels as they are, no intermediate copy
    const analysis = toAnalysisLuma(
      { width: pixels.width, height: pixels.height, channels: 4, data: pixels.data },
      analysisSizeFor(width, height),
    );
    const assessment = assessPhotoQuality({
      width,
      height,
      luma: analysis.luma,
      brightest: analysis.brightest,
      analysisWidth: analysis.width,
      analysisHeight: analysis.height,
    });
    const done = performance.now();
    // decode now includes the reduction to 1600 px; shrink is the read-back of the reduced pixels
    const stages = { decode: decodedAt - started, shrink: shrunkAt - decodedAt, gate: done - shrunkAt };
    return { kind: 'checked', assessment, ms: done - started, stages };
  } finally {
    bitmap.close();
  }
}

scope.onmessage = (event: MessageEvent<QualityRequest>) => {
  const { id, file } = event.data;
  check(file).then(
    (result) => scope.postMessage({ id, ...result } as QualityResponse),
    () => scope.postMessage({ id, kind: 'undecodable', ms: 0 } satisfies QualityResponse),
  );
};
