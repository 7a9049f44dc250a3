/**
 * Why a file was refused before its quality could be judged. Stable codes for programs (the API, the web app,
 * `dermis image-check`); messages for people, with no file names or other input echoed back.
 * Quality reasons (blur, exposure, resolution) are a separate list in core (`QUALITY_REASON_CODES`).
 */
export const IMAGE_REJECTION_CODES = {
  FILE_EMPTY: 'The file is empty.',
  FILE_TOO_LARGE: 'The photo is larger than 25 MB.',
  FILE_UNREADABLE: 'The file could not be read.',
  FORMAT_NOT_ALLOWED: 'Only JPEG, PNG, WebP and HEIC photos are accepted.',
  FILE_CORRUPT: 'The photo is damaged or incomplete. Take or export it again.',
  TOO_MANY_PIXELS: 'The photo has too many pixels to process.',
  PROCESSING_TIMEOUT: 'The photo took too long to process.',
  PROCESSING_FAILED: 'The photo could not be processed.',
} as const;

export type ImageRejectionCode = keyof typeof IMAGE_REJECTION_CODES;

/** Thrown inside the pipeline; crosses the worker boundary as its code only. */
export class ImageRejection extends Error {
  readonly code: ImageRejectionCode;
  constructor(code: ImageRejectionCode) {
    super(IMAGE_REJECTION_CODES[code]);
    this.code = code;
  }
}

export function isImageRejectionCode(value: unknown): value is ImageRejectionCode {
  return typeof value === 'string' && Object.hasOwn(IMAGE_REJECTION_CODES, value);
}
