/// <reference lib="webworker" />
// The on-device photo check, off the main thread. It feeds the SAME core gate the server runs
// (assessPhotoQuality after toAnalysisLuma), prepared the way the server prepares it: upright (EXIF orientation
// applied), reduced to 1600 px long edge, then core's area average to the 800 px analysis size. The server checks
// again and its decision is the one that counts; this one saves the patient an upload of a photo that would fail.
import { analysisSizeFor, assessPhotoQuality, toAnalysisLuma } from '@dermis/core';
import { preShrinkSize } from './check-size.ts';
import type { QualityRequest, QualityResponse, QualityResult } from './quality-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function check(file: Blob): Promise<QualityResult> {
  const started = performance.now();
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    // e.g. HEIC/HEIF in Chromium or Firefox: do not block the patient, the server decodes it and decides.
    return { kind: 'undecodable', ms: performance.now() - started };
  }
  const decoded = performance.now();
  try {
    const { width, height } = bitmap;
    const shrunk = preShrinkSize(width, height);
    const canvas = new OffscreenCanvas(shrunk.width, shrunk.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return { kind: 'undecodable', ms: performance.now() - started };
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, shrunk.width, shrunk.height);
    const pixels = context.getImageData(0, 0, shrunk.width, shrunk.height);
    const shrunkAt = performance.now();
    const analysis = toAnalysisLuma(
      { width: pixels.width, height: pixels.height, channels: 4, data: pixels.data },
      analysisSizeFor(width, height),
    );
    const assessment = assessPhotoQuality({
      width,
      height,
      luma: analysis.luma,
      analysisWidth: analysis.width,
      analysisHeight: analysis.height,
    });
    const done = performance.now();
    const stages = { decode: decoded - started, shrink: shrunkAt - decoded, gate: done - shrunkAt };
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
