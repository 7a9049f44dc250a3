/**
 * The figure of the body map, drawn for this project in a 240 × 480 box with the body's midline at x = 120.
 * Paired parts are drawn once, on the viewer's left half; the viewer's right half is their mirror image
 * (MIRROR). Absolute commands only (M, L, Q, C, Z), so tests can read the points.
 */
export const FIGURE_WIDTH = 240;
export const FIGURE_HEIGHT = 480;
export const MIRROR = `matrix(-1 0 0 1 ${FIGURE_WIDTH} 0)`;

export const SHAPES = {
  head: 'M120 10 C136 10 147 24 147 41 C147 59 136 72 120 72 C104 72 93 59 93 41 C93 24 104 10 120 10 Z',
  neck: 'M107 74 L133 74 L136 100 L104 100 Z',
  chest: 'M100 102 L140 102 Q156 102 158 110 L158 170 L82 170 L82 110 Q84 102 100 102 Z',
  abdomen: 'M82 174 L158 174 L154 212 Q158 232 161 250 L79 250 Q82 232 86 212 Z',
  back: 'M100 102 L140 102 Q156 102 158 110 L158 170 L154 212 Q158 232 161 250 L79 250 Q82 232 86 212 L82 170 L82 110 Q84 102 100 102 Z',
  genitalArea: 'M103 254 L137 254 L131 282 Q120 294 109 282 Z',
  upperArm: 'M80 106 L80 132 L72 184 L48 180 L60 116 Q66 102 80 106 Z',
  forearm: 'M47 184 L71 188 L58 260 L34 256 Z',
  hand: 'M33 260 L58 264 L59 288 Q56 306 44 306 Q31 304 30 291 L28 278 Q20 274 22 267 Q25 262 32 267 Z',
  thighFront: 'M79 254 L99 254 L106 285 L117 298 L116 356 L89 356 Q76 312 79 254 Z',
  buttock: 'M79 254 L118 254 L118 293 Q99 304 81 293 Q77 274 79 254 Z',
  thighBack: 'M81 298 Q99 308 118 300 L116 356 L89 356 Q78 330 81 298 Z',
  lowerLeg: 'M89 360 L116 360 L114 442 L97 442 Q84 400 89 360 Z',
  foot: 'M97 446 L114 446 L117 468 Q117 476 108 476 L84 476 Q77 474 80 467 Q88 461 96 456 Z',
} as const;

export type ShapeName = keyof typeof SHAPES;
