import type { Coding, QuestionnaireItem, QuestionnaireItemEnableWhen } from 'fhir/r4.js';
import { DURATION_UNITS } from './intake-codes.ts';

/** SDC: an item whose answer becomes an Observation coded with the item's code. */
export const OBSERVATION_EXTRACT_URL =
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observationExtract';
/** Core extension listing the units a quantity answer may use. */
export const UNIT_OPTION_URL = 'http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption';
/** Core extensions bounding integer/decimal answers. */
export const MIN_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/minValue';
export const MAX_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/maxValue';
/** Dermis: a date answer that must not be after the day the response is validated (history, not plans). */
export const NOT_IN_FUTURE_URL = 'https://dermis.dev/fhir/StructureDefinition/questionnaire-date-not-in-future';

type ItemOptions = Partial<Pick<QuestionnaireItem, 'required' | 'repeats' | 'enableWhen' | 'enableBehavior'>> & {
  /** Extract the answer as an Observation (SDC observation-based extraction). */
  observation?: boolean;
  code?: Coding;
};

function item(linkId: string, type: QuestionnaireItem['type'], text: string, options: ItemOptions): QuestionnaireItem {
  const { observation, code, ...rest } = options;
  const built: QuestionnaireItem = { linkId, type, text, required: rest.required ?? true };
  if (code) built.code = [code];
  if (rest.repeats) built.repeats = true;
  if (rest.enableWhen) built.enableWhen = rest.enableWhen;
  if (rest.enableBehavior) built.enableBehavior = rest.enableBehavior;
  if (observation) built.extension = [{ url: OBSERVATION_EXTRACT_URL, valueBoolean: true }];
  return built;
}

export function booleanQuestion(linkId: string, text: string, options: ItemOptions = {}): QuestionnaireItem {
  return item(linkId, 'boolean', text, options);
}

export function choiceQuestion(
  linkId: string,
  text: string,
  answers: readonly Coding[],
  options: ItemOptions = {},
): QuestionnaireItem {
  return { ...item(linkId, 'choice', text, options), answerOption: answers.map((coding) => ({ valueCoding: coding })) };
}

export function pastDateQuestion(linkId: string, text: string, options: ItemOptions = {}): QuestionnaireItem {
  const built = item(linkId, 'date', text, options);
  built.extension = [...(built.extension ?? []), { url: NOT_IN_FUTURE_URL, valueBoolean: true }];
  return built;
}

export function integerQuestion(
  linkId: string,
  text: string,
  range: { min: number; max: number },
  options: ItemOptions = {},
): QuestionnaireItem {
  const built = item(linkId, 'integer', text, options);
  built.extension = [
    ...(built.extension ?? []),
    { url: MIN_VALUE_URL, valueInteger: range.min },
    { url: MAX_VALUE_URL, valueInteger: range.max },
  ];
  return built;
}

/** A duration ("how long?") as a quantity in UCUM days, weeks, months or years. */
export function durationQuestion(linkId: string, text: string, options: ItemOptions = {}): QuestionnaireItem {
  const built = item(linkId, 'quantity', text, options);
  built.extension = [
    ...(built.extension ?? []),
    ...DURATION_UNITS.map((unit) => ({ url: UNIT_OPTION_URL, valueCoding: unit })),
  ];
  return built;
}

export function stringQuestion(linkId: string, text: string, options: ItemOptions = {}): QuestionnaireItem {
  return { ...item(linkId, 'string', text, options), maxLength: 200 };
}

/** Free text: only where a clinician wants the patient's own words. */
export function ownWordsQuestion(linkId: string, text: string, options: ItemOptions = {}): QuestionnaireItem {
  return { ...item(linkId, 'text', text, { required: false, ...options }), maxLength: 2000 };
}

export function group(
  linkId: string,
  text: string,
  items: QuestionnaireItem[],
  options: ItemOptions = {},
): QuestionnaireItem {
  return { ...item(linkId, 'group', text, options), item: items };
}

/** enableWhen: the question's answer equals the coding. */
export function whenCoding(question: string, coding: Coding): QuestionnaireItemEnableWhen {
  return { question, operator: '=', answerCoding: coding };
}

export function whenTrue(question: string): QuestionnaireItemEnableWhen {
  return { question, operator: '=', answerBoolean: true };
}
