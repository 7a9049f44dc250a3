import { findBodySite } from '@dermis/core';
import type { Coding, QuestionnaireItem } from 'fhir/r4.js';
import { ANSWER_TEXT_ES, BODY_SITE_TEXT_ES, ITEM_TEXT_ES } from './intake-text-es.ts';

/** The words shown for the intake in one language: English from the Questionnaire, Spanish from our table. */
export interface IntakeText {
  item(item: QuestionnaireItem): string;
  answer(coding: Coding): string;
  bodySite(code: string): string;
}

export function intakeTextFor(language: string): IntakeText {
  const isSpanish = language.startsWith('es');
  return {
    item: (item) => (isSpanish ? ITEM_TEXT_ES[item.linkId] : undefined) ?? item.text ?? item.linkId,
    answer: (coding) =>
      (isSpanish && coding.code ? ANSWER_TEXT_ES[coding.code] : undefined) ?? coding.display ?? coding.code ?? '',
    bodySite: (code) => (isSpanish ? BODY_SITE_TEXT_ES[code] : undefined) ?? findBodySite(code)?.display ?? code,
  };
}
