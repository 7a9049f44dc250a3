import { type ReadableEntry, type ReadableText, readableEntries } from '@dermis/core';
import type { Questionnaire, QuestionnaireResponse } from 'fhir/r4.js';
import { type IntakePageId, pageItems } from './intake-pages.ts';
import type { WizardStep } from './wizard-steps.ts';

/**
 * The answers as a clinician reads a history: the presenting concern and where it is, its history, the
 * patient's risk factors (skin type, immunity, sun), then medicines and allergies. Each section says which
 * step changes it. The answers in words come from core (readable-answers.ts), shared with the e-RS summary.
 */
export type ReviewText = ReadableText;
export type ReviewEntry = ReadableEntry;

export type ReviewSectionId = 'concern' | 'bodySites' | 'history' | 'about' | 'medicines' | 'allergies';

export interface ReviewSection {
  id: ReviewSectionId;
  step: WizardStep;
  entries: ReviewEntry[];
}

const SECTIONS: readonly { id: ReviewSectionId; step: WizardStep; page?: IntakePageId; only?: readonly string[] }[] = [
  { id: 'concern', step: 'concern', page: 'concern' },
  { id: 'bodySites', step: 'body-sites' },
  { id: 'history', step: 'history', page: 'history' },
  { id: 'about', step: 'about', page: 'about' },
  { id: 'medicines', step: 'medicines', page: 'medicines', only: ['medications.any', 'medication'] },
  { id: 'allergies', step: 'medicines', page: 'medicines', only: ['allergies.any', 'allergy'] },
];

/** Sections in reading order; `bodySites` is filled by the caller (it is not part of the response). */
export function buildReviewSections(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  text: ReviewText,
): ReviewSection[] {
  return SECTIONS.map((section) => {
    if (section.page === undefined) return { id: section.id, step: section.step, entries: [] };
    const topLevel = new Set(section.only ?? pageItems(questionnaire, section.page));
    const definitions = (questionnaire.item ?? []).filter((item) => topLevel.has(item.linkId));
    return { id: section.id, step: section.step, entries: readableEntries(definitions, response.item ?? [], text) };
  });
}
