import { ANALYSIS_LONG_EDGE } from '@dermis/core';

/**
 * The gate's pre-shrink, as the server does it (process-photo.ts, eval-quality.ts): the upright photo is reduced to
 * at most twice the analysis size (1600 px long edge, aspect kept, never enlarged), then core's `toAnalysisLuma`
 * area-averages it to the analysis size. The browser draws to this size on an OffscreenCanvas.
 */
export const PRE_SHRINK_LONG_EDGE = 2 * ANALYSIS_LONG_EDGE;

export function preShrinkSize(width: number, height: number): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= PRE_SHRINK_LONG_EDGE) return { width, height };
  const f = PRE_SHRINK_LONG_EDGE / long;
  return { width: Math.max(1, Math.round(width * f)), height: Math.max(1, Math.round(height * f)) };
}
