import type sharp from 'sharp';

/** EXIF Orientation (1–8); anything else reads as 1 (stored upright). */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export function exifOrientation(value: number | undefined): ExifOrientation {
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= 8 ? (value as ExifOrientation) : 1;
}

/** Orientations 5–8 store the picture turned a quarter: upright width and height are swapped. */
export function swapsSides(orientation: ExifOrientation): boolean {
  return orientation >= 5;
}

// The turn that makes stored pixels upright, as sharp applies it (a mirror always before the rotation); the table
// is checked against libvips' own EXIF auto-orientation for all eight values in photo-pipeline.int.test.ts.
const UPRIGHT: Record<ExifOrientation, { mirror?: 'flop' | 'flip'; angle: 0 | 90 | 180 | 270 }> = {
  1: { angle: 0 },
  2: { mirror: 'flop', angle: 0 },
  3: { angle: 180 },
  4: { mirror: 'flip', angle: 0 },
  5: { mirror: 'flop', angle: 270 },
  6: { angle: 90 },
  7: { mirror: 'flop', angle: 90 },
  8: { angle: 270 },
};

/**
 * Adds the upright turn to a pipeline over stored (not yet oriented) pixels. The pipeline decides where the turn
 * happens: after a reduction it moves a few MB instead of the full-resolution frame (DESIGN.md: re-encoding must
 * orient first, or portraits turn sideways; every derivative goes through this).
 */
export function turnUpright(pipeline: sharp.Sharp, orientation: ExifOrientation): sharp.Sharp {
  const { mirror, angle } = UPRIGHT[orientation];
  if (mirror === 'flop') pipeline.flop();
  if (mirror === 'flip') pipeline.flip();
  return angle ? pipeline.rotate(angle) : pipeline;
}
