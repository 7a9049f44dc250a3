import type { Coding, QuestionnaireItem, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from 'fhir/r4.js';

/**
 * Intake answers as a person reads them (the web review step, the case page, the e-RS PDF summary): each
 * answered question with its answers in words. Only answered items appear (the response holds no answers to
 * items that do not apply). The words come from `text`, so each caller picks its language.
 */
export interface ReadableText {
  item(item: QuestionnaireItem): string;
  answer(coding: Coding): string;
  yes: string;
  no: string;
  date(ymd: string): string;
}

export type ReadableEntry =
  | { kind: 'answer'; linkId: string; question: string; answers: string[] }
  | { kind: 'instances'; linkId: string; question: string; instances: ReadableEntry[][] };

function formatAnswer(item: QuestionnaireItem, answer: QuestionnaireResponseItemAnswer, text: ReadableText): string {
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

/** The answered `definitions` among `items`, in questionnaire order; plain groups flatten, repeating ones nest. */
export function readableEntries(
  definitions: QuestionnaireItem[],
  items: QuestionnaireResponseItem[],
  text: ReadableText,
): ReadableEntry[] {
  const entries: ReadableEntry[] = [];
  for (const definition of definitions) {
    const matching = items.filter((item) => item.linkId === definition.linkId);
    if (matching.length === 0) continue;
    if (definition.type === 'group' && definition.repeats) {
      entries.push({
        kind: 'instances',
        linkId: definition.linkId,
        question: text.item(definition),
        instances: matching.map((instance) => readableEntries(definition.item ?? [], instance.item ?? [], text)),
      });
    } else if (definition.type === 'group') {
      entries.push(
        ...readableEntries(
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
