import type { QualityAssessment } from '@dermis/core';

/** Main thread → worker: one photo to check. */
export interface QualityRequest {
  id: number;
  file: Blob;
}

/** Where the check's time went (ms), for the benchmark. */
export interface CheckStages {
  decode: number;
  shrink: number;
  gate: number;
}

/**
 * Worker → main thread. `undecodable`: this browser cannot decode the file (typically HEIC outside Safari); the
 * photo is not blocked, the server judges it after upload.
 */
export type QualityResult =
  | { kind: 'checked'; assessment: QualityAssessment; ms: number; stages: CheckStages }
  | { kind: 'undecodable'; ms: number };
export type QualityResponse = QualityResult & { id: number };
