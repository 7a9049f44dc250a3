import type {
  Coding,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
} from 'fhir/r4.js';
import { type IntakePageId, pageItems } from './intake-pages.ts';
import type { WizardStep } from './wizard-steps.ts';

/**
 * The answers as a clinician reads a history: the presenting concern and where it is, its history, the
 * patient's risk factors (skin type, immunity, sun), then medicines and allergies. Each section says which
 * step changes it. Only answered items appear (the response holds no answers to items that do not apply).
 */
export interface ReviewText {
  item(item: QuestionnaireItem): string;
  answer(coding: Coding): string;
  yes: string;
  no: string;
  date(ymd: string): string;
}

export type ReviewEntry =
  | { kind: 'answer'; linkId: string; question: string; answers: string[] }
  | { kind: 'instances'; linkId: string; question: string; instances: ReviewEntry[][] };

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

function formatAnswer(
  item: QuestionnaireItem,
  answer: NonNullable<QuestionnaireResponseItem['answer']>[number],
  text: ReviewText,
): string {
  if (answer.valueCoding) return text.answer(answer.valueCoding);
  if (answer.valueBoolean !== undefined) return answer.valueBoolean ? text.yes : text.no;
  if (answer.valueDate !== undefined) return text.date(answer.valueDate);
  if (answer.valueQuantity) {
    const units = (item.extension ?? []).flatMap((e) => (e.valueCoding ? [e.valueCoding] : []));
    const unit = units.find((u) => u.code === answer.valueQuantity?.code);
    const unitText = unit ? text.answer(unit) : (answer.valueQuantity.unit ?? '');
    return `${answer.valueQuantity.value} ${unitText}`.trim();
  }
  const scalar = answer.valueString ?? answer.valueInteger ?? answer.valueDecimal;
  return scalar === undefined ? '' : String(scalar);
}

function entriesFor(
  definitions: QuestionnaireItem[],
  items: QuestionnaireResponseItem[],
  text: ReviewText,
): ReviewEntry[] {
  const entries: ReviewEntry[] = [];
  for (const definition of definitions) {
    const matching = items.filter((item) => item.linkId === definition.linkId);
    if (matching.length === 0) continue;
    if (definition.type === 'group' && definition.repeats) {
      entries.push({
        kind: 'instances',
        linkId: definition.linkId,
        question: text.item(definition),
        instances: matching.map((instance) => entriesFor(definition.item ?? [], instance.item ?? [], text)),
      });
    } else if (definition.type === 'group') {
      entries.push(
        ...entriesFor(
          definition.item ?? [],
          matching.flatMap((group) => group.item ?? []),
          text,
        ),
      );
    } else {
      const answers = matching.flatMap((item) => item.answer ?? []).map((a) => formatAnswer(definition, a, text));
      if (answers.length > 0)
        entries.push({ kind: 'answer', linkId: definition.linkId, question: text.item(definition), answers });
    }
  }
  return entries;
}

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
    return { id: section.id, step: section.step, entries: entriesFor(definitions, response.item ?? [], text) };
  });
}
