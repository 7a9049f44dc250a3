import type { Coding, QuestionnaireResponse, QuestionnaireResponseItemAnswer } from 'fhir/r4.js';
import { indexResponse } from '../intake/enable-when.ts';

/** Read-only access to the answers triage rules need, by linkId (first instance; triage reads no repeats). */
export interface TriageAnswers {
  isTrue(linkId: string): boolean;
  hasCode(linkId: string, code: string): boolean;
  date(linkId: string): string | undefined;
}

export function readTriageAnswers(response: QuestionnaireResponse): TriageAnswers {
  const { byLinkId } = indexResponse(response);
  const answers = (linkId: string): QuestionnaireResponseItemAnswer[] => byLinkId.get(linkId)?.[0]?.answer ?? [];
  return {
    isTrue: (linkId) => answers(linkId).some((a) => a.valueBoolean === true),
    hasCode: (linkId, code) => answers(linkId).some((a) => (a.valueCoding as Coding | undefined)?.code === code),
    date: (linkId) => answers(linkId).find((a) => a.valueDate !== undefined)?.valueDate,
  };
}

/**
 * Whole days from a (possibly partial) FHIR date to `at`: a partial date counts from its latest possible day
 * (2025-03 → 2025-03-31), so a patient's approximate answer never makes a lesion look older than it can be.
 */
export function daysSince(date: string, at: Date): number {
  const [year, month, day] = date.split('-').map(Number);
  const latest =
    month === undefined
      ? Date.UTC(year!, 11, 31)
      : day === undefined
        ? Date.UTC(year!, month, 0)
        : Date.UTC(year!, month - 1, day);
  return Math.floor((at.getTime() - latest) / 86_400_000);
}
