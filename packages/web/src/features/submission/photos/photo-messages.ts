import { describeQualityReason, QUALITY_REASON_CODES, type QualityMessage, type QualityReasonCode } from '@dermis/core';

export function isQualityReason(code: string): code is QualityReasonCode {
  return (QUALITY_REASON_CODES as readonly string[]).includes(code);
}

/** Core's plain-words message (what is wrong + how to retake) for each known reason; unknown codes are dropped. */
export function qualityMessages(reasons: readonly string[], language: string): (QualityMessage & { code: string })[] {
  return reasons.filter(isQualityReason).map((code) => ({ code, ...describeQualityReason(code, language) }));
}
