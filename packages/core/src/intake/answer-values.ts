import type { Coding, Quantity, QuestionnaireItemEnableWhen, QuestionnaireResponseItemAnswer } from 'fhir/r4.js';

/** The value[x] kinds an answer (or an enableWhen answer) can carry. */
export type AnswerKind =
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'date'
  | 'dateTime'
  | 'time'
  | 'string'
  | 'uri'
  | 'coding'
  | 'quantity'
  | 'reference'
  | 'attachment';

type AnswerValue =
  | { kind: 'boolean'; value: boolean }
  | { kind: 'decimal' | 'integer'; value: number }
  | { kind: 'date' | 'dateTime' | 'time' | 'string' | 'uri' | 'reference'; value: string }
  | { kind: 'coding'; value: Coding }
  | { kind: 'quantity'; value: Quantity }
  | { kind: 'attachment'; value: unknown };

const ANSWER_KEYS: Record<string, AnswerKind> = {
  valueBoolean: 'boolean',
  valueDecimal: 'decimal',
  valueInteger: 'integer',
  valueDate: 'date',
  valueDateTime: 'dateTime',
  valueTime: 'time',
  valueString: 'string',
  valueUri: 'uri',
  valueCoding: 'coding',
  valueQuantity: 'quantity',
  valueReference: 'reference',
  valueAttachment: 'attachment',
};

const ENABLE_WHEN_KEYS: Record<string, AnswerKind> = {
  answerBoolean: 'boolean',
  answerDecimal: 'decimal',
  answerInteger: 'integer',
  answerDate: 'date',
  answerDateTime: 'dateTime',
  answerTime: 'time',
  answerString: 'string',
  answerCoding: 'coding',
  answerQuantity: 'quantity',
  answerReference: 'reference',
};

function readValue(source: object, keys: Record<string, AnswerKind>): AnswerValue[] {
  const found: AnswerValue[] = [];
  for (const [key, raw] of Object.entries(source)) {
    const kind = keys[key];
    if (kind === undefined || raw === undefined) continue;
    const value = kind === 'reference' ? (raw as { reference?: string }).reference : raw;
    found.push({ kind, value } as AnswerValue);
  }
  return found;
}

/** Every value[x] present on an answer: a well-formed answer has exactly one. */
export function readAnswerValues(answer: QuestionnaireResponseItemAnswer): AnswerValue[] {
  return readValue(answer, ANSWER_KEYS);
}

export function readEnableWhenValue(condition: QuestionnaireItemEnableWhen): AnswerValue | undefined {
  return readValue(condition, ENABLE_WHEN_KEYS)[0];
}

function isSameCoding(answer: Coding, expected: Coding): boolean {
  if (expected.system !== undefined && answer.system !== expected.system) return false;
  return answer.code === expected.code;
}

const UCUM_SYSTEM = 'http://unitsofmeasure.org';
/** UCUM time units in seconds (UCUM: a = 365.25 d, mo = a/12), so "2 mo" compares with "6 wk" as FHIRPath does. */
const SECONDS_PER_UCUM_UNIT: Record<string, number> = {
  s: 1,
  min: 60,
  h: 3600,
  d: 86_400,
  wk: 604_800,
  mo: 2_629_800,
  a: 31_557_600,
};

/** A quantity's amount in a unit it can be compared in: seconds for UCUM time, otherwise its own unit. */
function comparableQuantity(quantity: Quantity): { amount: number; unit: string } | undefined {
  const unit = quantity.code ?? quantity.unit;
  if (quantity.value === undefined || unit === undefined) return undefined;
  const seconds = SECONDS_PER_UCUM_UNIT[unit];
  const isUcum = quantity.system === undefined || quantity.system === UCUM_SYSTEM;
  if (seconds !== undefined && isUcum && quantity.code !== undefined) {
    return { amount: quantity.value * seconds, unit: 's' };
  }
  return { amount: quantity.value, unit: `${quantity.system ?? ''}|${unit}` };
}

/**
 * Orders ISO dates or times of possibly different precision as FHIRPath does: by the shared precision, and
 * unknown (undefined) when they agree that far but one is more precise.
 */
function comparePartialDates(a: string, b: string): number | undefined {
  const shared = Math.min(a.length, b.length);
  const left = a.slice(0, shared);
  const right = b.slice(0, shared);
  if (left !== right) return left < right ? -1 : 1;
  return a.length === b.length ? 0 : undefined;
}

/**
 * Compares an answer with an enableWhen value: a negative number, zero or a positive number, or undefined
 * when the two cannot be ordered (different kinds, different units, different date precision).
 */
export function compareAnswer(answer: AnswerValue, expected: AnswerValue): number | undefined {
  const isNumber = (kind: AnswerKind) => kind === 'integer' || kind === 'decimal';
  if (isNumber(answer.kind) && isNumber(expected.kind)) {
    return (answer.value as number) - (expected.value as number);
  }
  if (answer.kind !== expected.kind) return undefined;
  switch (answer.kind) {
    case 'quantity': {
      const left = comparableQuantity(answer.value);
      const right = comparableQuantity(expected.value as Quantity);
      if (left === undefined || right === undefined || left.unit !== right.unit) return undefined;
      return left.amount - right.amount;
    }
    case 'date':
    case 'time':
      return comparePartialDates(answer.value, expected.value as string);
    case 'dateTime': {
      // Time zones make mixed-precision date-times hard to order; only same-precision values are compared.
      const other = expected.value as string;
      if (answer.value.length !== other.length) return undefined;
      return answer.value < other ? -1 : answer.value > other ? 1 : 0;
    }
    case 'string':
    case 'uri':
    case 'reference': {
      const other = expected.value as string;
      return answer.value < other ? -1 : answer.value > other ? 1 : 0;
    }
    default:
      return undefined;
  }
}

/** Equality as enableWhen `=` means it: codings by system and code, booleans by value, others by compare. */
export function isAnswerEqual(answer: AnswerValue, expected: AnswerValue): boolean {
  if (answer.kind === 'coding' && expected.kind === 'coding') return isSameCoding(answer.value, expected.value);
  if (answer.kind === 'boolean' && expected.kind === 'boolean') return answer.value === expected.value;
  return compareAnswer(answer, expected) === 0;
}

export type { AnswerValue };
