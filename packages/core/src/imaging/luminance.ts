// Luma at the fixed analysis size: the one input every quality metric reads.
//
// Contract (client and server must feed the gate the same way):
// - values are sRGB-encoded luma Y' = 0.2126 R' + 0.7152 G' + 0.0722 B' (Rec. 709 / sRGB weights applied to the
//   gamma-encoded 8-bit values), on a 0–255 scale, row-major, one value per pixel;
// - size: the photo downscaled by area averaging so that its long edge is ANALYSIS_LONG_EDGE px (aspect kept); a
//   photo whose long edge is already at or below that is analysed at its own size, never enlarged (enlarging
//   would invent blur);
// - the photo is upright (EXIF orientation applied) before it gets here.
// A caller may pre-shrink (e.g. JPEG shrink-on-load) as long as the intermediate keeps at least twice the analysis
// size, so this area average stays the step that defines the analysis image. bench/eval-quality.ts decodes with
// sharp `.rotate().resize(1600, 1600, { fit: 'inside' })` and then calls toAnalysisLuma: the server should match.

/**
 * Long edge of the analysis image in pixels. 800 px is the ATA minimum long edge, so every photo that passes
 * the resolution rule is reduced (never enlarged) to the same scale, and a blur radius measured here means the
 * same fraction of the frame for a 12 MP phone photo and for an 800×600 one. Larger would need upscaling small
 * photos; smaller (512–640) would shrink a clinically relevant 1 px blur at 1600 px below half a pixel.
 */
export const ANALYSIS_LONG_EDGE = 800;

/** A decoded image: 1 (grey), 3 (RGB) or 4 (RGBA, e.g. canvas ImageData) interleaved 8-bit channels. */
export interface PixelImage {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  data: ArrayLike<number>;
}

/** Luma at analysis size, values 0–255. */
export interface LumaImage {
  width: number;
  height: number;
  luma: Float32Array;
  /**
   * Each pixel's brightest colour channel, max(R', G', B'), area-averaged the same way (0–255): how close the
   * pixel came to the top of the range in any channel. Saturated dark skin keeps its red channel well above its
   * luma, so exposure judged on this does not mistake dark skin for darkness. Absent (= luma) for grey photos.
   */
  brightest?: Float32Array;
}

/** Analysis size for a photo of the given size: long edge ANALYSIS_LONG_EDGE, never larger than the photo. */
export function analysisSizeFor(
  width: number,
  height: number,
  longEdge = ANALYSIS_LONG_EDGE,
): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= longEdge) return { width, height };
  const f = longEdge / long;
  return { width: Math.max(1, Math.round(width * f)), height: Math.max(1, Math.round(height * f)) };
}

// For each source index, the output cell it starts in and the share of it that falls there; the rest (`spill`, 0
// when none) falls in the next cell. With a reduction factor >= 1 a source pixel straddles at most two output cells.
function buildAxis(src: number, dst: number): { cell: Int32Array; share: Float32Array; spill: Float32Array } {
  const scale = dst / src;
  const cell = new Int32Array(src);
  const share = new Float32Array(src);
  const spill = new Float32Array(src);
  for (let x = 0; x < src; x++) {
    const a = x * scale;
    const b = a + scale;
    const c = Math.min(dst - 1, Math.floor(a));
    cell[x] = c;
    // the last cell takes the whole share, so rounding never spills past the edge
    const whole = b <= c + 1 || c + 1 >= dst;
    share[x] = whole ? scale : c + 1 - a;
    spill[x] = whole ? 0 : scale - share[x]!;
  }
  return { cell, share, spill };
}

/**
 * Converts pixels to luma and reduces them by area averaging to the analysis size (or the given size).
 * Separable: each source row is reduced horizontally, then accumulated into at most two output rows.
 */
export function toAnalysisLuma(image: PixelImage, target = analysisSizeFor(image.width, image.height)): LumaImage {
  const { width: sw, height: sh, channels: ch, data } = image;
  if (data.length < sw * sh * ch) throw new RangeError('pixel data shorter than width × height × channels');
  const { width: dw, height: dh } = target;
  if (dw > sw || dh > sh) throw new RangeError('analysis size must not exceed the image size');
  const { cell, share, spill } = buildAxis(sw, dw);
  const ys = buildAxis(sh, dh);
  const out = new Float32Array(dw * dh);
  const row = new Float32Array(dw);
  if (ch < 3) {
    for (let y = 0; y < sh; y++) {
      row.fill(0);
      for (let x = 0, p = y * sw * ch; x < sw; x++, p += ch) {
        const v = data[p]!;
        const c = cell[x]!;
        row[c]! += v * share[x]!;
        if (spill[x]! > 0) row[c + 1]! += v * spill[x]!;
      }
      accumulateRow(out, row, ys, y, dw);
    }
    return { width: dw, height: dh, luma: out };
  }
  const brightest = new Float32Array(dw * dh);
  const rowMax = new Float32Array(dw);
  for (let y = 0; y < sh; y++) {
    row.fill(0);
    rowMax.fill(0);
    for (let x = 0, p = y * sw * ch; x < sw; x++, p += ch) {
      const r = data[p]!;
      const g = data[p + 1]!;
      const b = data[p + 2]!;
      const v = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      const m = Math.max(r, g, b);
      const c = cell[x]!;
      const s = share[x]!;
      row[c]! += v * s;
      rowMax[c]! += m * s;
      const t = spill[x]!;
      if (t > 0) {
        row[c + 1]! += v * t;
        rowMax[c + 1]! += m * t;
      }
    }
    accumulateRow(out, row, ys, y, dw);
    accumulateRow(brightest, rowMax, ys, y, dw);
  }
  return { width: dw, height: dh, luma: out, brightest };
}

/** Adds a horizontally reduced source row y to the one or two output rows it falls in. */
function accumulateRow(
  out: Float32Array,
  row: Float32Array,
  ys: ReturnType<typeof buildAxis>,
  y: number,
  dw: number,
): void {
  const sy = ys.share[y]!;
  const rest = ys.spill[y]!;
  const o0 = ys.cell[y]! * dw;
  for (let x = 0; x < dw; x++) out[o0 + x]! += row[x]! * sy;
  if (rest > 0) {
    const o1 = o0 + dw;
    for (let x = 0; x < dw; x++) out[o1 + x]! += row[x]! * rest;
  }
}
