import { createEnablementEvaluator, UNIT_OPTION_URL } from '@dermis/core';
import type {
  Coding,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from 'fhir/r4.js';

/**
 * What the form holds while the patient types, and its mapping to and from a FHIR QuestionnaireResponse.
 * Questions in non-repeating groups sit in the same object as their group (linkIds are unique); a repeating
 * group holds one object per instance. Numbers stay as typed text until they are mapped, so a half-typed
 * value is never lost; the core validator then judges the mapped answer.
 */
export interface QuantityInput {
  value: string;
  /** The unit's code (from the item's unitOption extensions); '' while none is chosen. */
  unit: string;
}
export type FieldValue = string | string[] | boolean | QuantityInput;
export interface FormValues {
  [linkId: string]: FieldValue | FormValues[] | undefined;
}

/** A choice option's identity in the form: system and code. */
export function codingKey(coding: Coding): string {
  return `${coding.system ?? ''}|${coding.code ?? ''}`;
}

export function answerOptions(item: QuestionnaireItem): Coding[] {
  return (item.answerOption ?? []).flatMap((option) => (option.valueCoding ? [option.valueCoding] : []));
}

export function unitOptions(item: QuestionnaireItem): Coding[] {
  return (item.extension ?? []).flatMap((extension) =>
    extension.url === UNIT_OPTION_URL && extension.valueCoding ? [extension.valueCoding] : [],
  );
}

function toAnswers(
  item: QuestionnaireItem,
  value: FieldValue | FormValues[] | undefined,
): QuestionnaireResponseItemAnswer[] {
  if (value === undefined) return [];
  switch (item.type) {
    case 'choice':
    case 'open-choice': {
      const keys = Array.isArray(value) ? (value as unknown[]) : [];
      return answerOptions(item)
        .filter((coding) => keys.includes(codingKey(coding)))
        .map((coding) => ({ valueCoding: coding }));
    }
    case 'boolean':
      return typeof value === 'boolean' ? [{ valueBoolean: value }] : [];
    case 'integer':
    case 'decimal': {
      if (typeof value !== 'string' || value.trim() === '') return [];
      const number = Number(value.trim());
      return [item.type === 'integer' ? { valueInteger: number } : { valueDecimal: number }];
    }
    case 'date':
      return typeof value === 'string' && value !== '' ? [{ valueDate: value }] : [];
    case 'string':
    case 'text':
      return typeof value === 'string' && value !== '' ? [{ valueString: value }] : [];
    case 'quantity': {
      const quantity = value as QuantityInput;
      if (typeof quantity !== 'object' || quantity.value === undefined || quantity.value.trim() === '') return [];
      const unit = unitOptions(item).find((option) => option.code === quantity.unit);
      const amount = Number(quantity.value.trim());
      return [
        {
          valueQuantity: unit
            ? { value: amount, unit: unit.display ?? unit.code, system: unit.system, code: unit.code }
            : { value: amount },
        },
      ];
    }
    default:
      return [];
  }
}

export interface BuiltResponse {
  response: QuestionnaireResponse;
  /** Response items of groups by form path ('' top level, 'lesion', 'medication#0', 'a#0/b'): enableWhen context. */
  contexts: Map<string, QuestionnaireResponseItem>;
}

export function childPath(path: string, segment: string): string {
  return path === '' ? segment : `${path}/${segment}`;
}

/**
 * Maps form values to a QuestionnaireResponse. `keepEmptyGroups` keeps groups without answers (the form
 * needs them as the context of enableWhen inside a new, still empty instance); saved responses leave them out.
 */
export function buildResponse(
  questionnaire: Questionnaire,
  values: FormValues,
  options: { keepEmptyGroups?: boolean } = {},
): BuiltResponse {
  const contexts = new Map<string, QuestionnaireResponseItem>();
  const keepEmpty = options.keepEmptyGroups ?? false;
  const build = (definitions: QuestionnaireItem[], source: FormValues, path: string): QuestionnaireResponseItem[] => {
    const items: QuestionnaireResponseItem[] = [];
    for (const definition of definitions) {
      if (definition.type === 'display') continue;
      if (definition.type === 'group') {
        const instances = definition.repeats
          ? ((source[definition.linkId] as FormValues[] | undefined) ?? [])
          : [source];
        instances.forEach((instance, index) => {
          const groupPath = childPath(path, definition.repeats ? `${definition.linkId}#${index}` : definition.linkId);
          const children = build(definition.item ?? [], instance, groupPath);
          if (children.length === 0 && !keepEmpty) return;
          const groupItem: QuestionnaireResponseItem = { linkId: definition.linkId, item: children };
          contexts.set(groupPath, groupItem);
          items.push(groupItem);
        });
      } else {
        const answer = toAnswers(definition, source[definition.linkId]);
        if (answer.length > 0) items.push({ linkId: definition.linkId, answer });
      }
    }
    return items;
  };
  const item = build(questionnaire.item ?? [], values, '');
  const response: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    questionnaire: `${questionnaire.url}|${questionnaire.version}`,
    status: 'in-progress',
    item,
  };
  return { response, contexts };
}

/** Removes answers to items that do not apply (the R4 rule: they count as unanswered, and the server refuses them). */
export function pruneDisabled(questionnaire: Questionnaire, response: QuestionnaireResponse): QuestionnaireResponse {
  const evaluator = createEnablementEvaluator(questionnaire, response);
  const prune = (
    items: QuestionnaireResponseItem[] | undefined,
    parent: QuestionnaireResponseItem | undefined,
  ): QuestionnaireResponseItem[] =>
    (items ?? []).flatMap((item) => {
      if (!evaluator.isEnabled(item.linkId, parent)) return [];
      if (item.item === undefined) return [item];
      const children = prune(item.item, item);
      return children.length > 0 || item.answer ? [{ ...item, item: children }] : [];
    });
  return { ...response, item: prune(response.item, undefined) };
}

/** The answers to save: mapped, without empty groups and without answers that no longer apply. */
export function responseToSave(questionnaire: Questionnaire, values: FormValues): QuestionnaireResponse {
  return pruneDisabled(questionnaire, buildResponse(questionnaire, values).response);
}

function fromAnswers(item: QuestionnaireItem, answers: QuestionnaireResponseItemAnswer[]): FieldValue | undefined {
  const [first] = answers;
  if (first === undefined) return undefined;
  switch (item.type) {
    case 'choice':
    case 'open-choice':
      return answers.flatMap((answer) => (answer.valueCoding ? [codingKey(answer.valueCoding)] : []));
    case 'boolean':
      return first.valueBoolean;
    case 'integer':
      return first.valueInteger === undefined ? undefined : String(first.valueInteger);
    case 'decimal':
      return first.valueDecimal === undefined ? undefined : String(first.valueDecimal);
    case 'date':
      return first.valueDate;
    case 'string':
    case 'text':
      return first.valueString;
    case 'quantity':
      return first.valueQuantity
        ? { value: String(first.valueQuantity.value ?? ''), unit: first.valueQuantity.code ?? '' }
        : undefined;
    default:
      return undefined;
  }
}

/** Reads a stored response back into form values (the inverse of buildResponse). */
export function valuesFromResponse(questionnaire: Questionnaire, response: QuestionnaireResponse | null): FormValues {
  const read = (definitions: QuestionnaireItem[], items: QuestionnaireResponseItem[], into: FormValues) => {
    for (const definition of definitions) {
      const matching = items.filter((item) => item.linkId === definition.linkId);
      if (definition.type === 'group') {
        if (definition.repeats) {
          if (matching.length === 0) continue;
          into[definition.linkId] = matching.map((instance) => {
            const values: FormValues = {};
            read(definition.item ?? [], instance.item ?? [], values);
            return values;
          });
        } else {
          read(
            definition.item ?? [],
            matching.flatMap((group) => group.item ?? []),
            into,
          );
        }
      } else {
        const value = fromAnswers(
          definition,
          matching.flatMap((item) => item.answer ?? []),
        );
        if (value !== undefined) into[definition.linkId] = value;
      }
    }
  };
  const values: FormValues = {};
  read(questionnaire.item ?? [], response?.item ?? [], values);
  return values;
}
