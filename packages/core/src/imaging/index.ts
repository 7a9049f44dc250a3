export { ANALYSIS_LONG_EDGE, analysisSizeFor, type LumaImage, type PixelImage, toAnalysisLuma } from './luminance.ts';
export {
  assessPhotoPixels,
  assessPhotoQuality,
  isRejectingReason,
  QUALITY_REASON_CODES,
  type QualityAssessment,
  type QualityDecision,
  type QualityInput,
  type QualityMetrics,
  type QualityReasonCode,
} from './quality-gate.ts';
export {
  describeQualityReason,
  QUALITY_MESSAGE_LOCALES,
  type QualityMessage,
  type QualityMessageLocale,
} from './quality-messages.ts';
