import type { Coding, QuestionnaireItem, QuestionnaireResponseItemAnswer } from 'fhir/r4.js';
import { type AnswerKind, readAnswerValues } from './answer-values.ts';
import type { IntakeErrorCode } from './intake-error-codes.ts';
import { MAX_VALUE_URL, MIN_VALUE_URL, NOT_IN_FUTURE_URL, UNIT_OPTION_URL } from './questionnaire-item-builders.ts';

/** The answer kinds each item type accepts (FHIR R4 Questionnaire.item.type). */
const KINDS_BY_ITEM_TYPE: Partial<Record<QuestionnaireItem['type'], readonly AnswerKind[]>> = {
  boolean: ['boolean'],
  decimal: ['decimal', 'integer'],
  integer: ['integer'],
  date: ['date'],
  dateTime: ['dateTime'],
  time: ['time'],
  string: ['string'],
  text: ['string'],
  url: ['uri'],
  choice: ['coding'],
  'open-choice': ['coding', 'string'],
  attachment: ['attachment'],
  reference: ['reference'],
  quantity: ['quantity'],
};

const DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, year, month, day] = match;
  if (month === undefined) return true;
  const monthNumber = Number(month);
  if (monthNumber < 1 || monthNumber > 12) return false;
  if (day === undefined) return true;
  const daysInMonth = new Date(Date.UTC(Number(year), monthNumber, 0)).getUTCDate();
  return Number(day) >= 1 && Number(day) <= daysInMonth;
}

function hasExtension(item: QuestionnaireItem, url: string): boolean {
  return (item.extension ?? []).some((extension) => extension.url === url && extension.valueBoolean !== false);
}

function numericExtension(item: QuestionnaireItem, url: string): number | undefined {
  const extension = (item.extension ?? []).find((candidate) => candidate.url === url);
  return extension?.valueInteger ?? extension?.valueDecimal;
}

function isSameCoding(a: Coding, b: Coding): boolean {
  return a.system === b.system && a.code === b.code;
}

/** Checks one answer against its item; `today` is YYYY-MM-DD. Returns the first problem found, if any. */
export function checkAnswer(
  item: QuestionnaireItem,
  answer: QuestionnaireResponseItemAnswer,
  today: string,
): IntakeErrorCode | undefined {
  const values = readAnswerValues(answer);
  const accepted = KINDS_BY_ITEM_TYPE[item.type] ?? [];
  const [value] = values;
  if (values.length !== 1 || value === undefined || !accepted.includes(value.kind)) return 'ANSWER_WRONG_TYPE';
  switch (value.kind) {
    case 'boolean':
      return typeof value.value === 'boolean' ? undefined : 'ANSWER_WRONG_TYPE';
    case 'integer':
    case 'decimal': {
      const isWellTyped = value.kind === 'integer' ? Number.isInteger(value.value) : Number.isFinite(value.value);
      if (typeof value.value !== 'number' || !isWellTyped) return 'ANSWER_WRONG_TYPE';
      const min = numericExtension(item, MIN_VALUE_URL);
      const max = numericExtension(item, MAX_VALUE_URL);
      if ((min !== undefined && value.value < min) || (max !== undefined && value.value > max)) {
        return 'ANSWER_OUT_OF_RANGE';
      }
      return undefined;
    }
    case 'date':
      if (typeof value.value !== 'string' || !isCalendarDate(value.value)) return 'DATE_INVALID';
      if (hasExtension(item, NOT_IN_FUTURE_URL) && value.value > today.slice(0, value.value.length)) {
        return 'DATE_IN_FUTURE';
      }
      return undefined;
    case 'string':
      if (typeof value.value !== 'string') return 'ANSWER_WRONG_TYPE';
      if (value.value.trim() === '') return 'ANSWER_EMPTY';
      if (item.maxLength !== undefined && value.value.length > item.maxLength) return 'ANSWER_TOO_LONG';
      return undefined;
    case 'coding': {
      const options = (item.answerOption ?? []).flatMap((option) => (option.valueCoding ? [option.valueCoding] : []));
      return options.some((option) => isSameCoding(option, value.value)) ? undefined : 'ANSWER_NOT_ALLOWED';
    }
    case 'quantity': {
      const amount = value.value.value;
      if (typeof amount !== 'number' || !Number.isFinite(amount)) return 'ANSWER_WRONG_TYPE';
      // A duration or size is never negative.
      if (amount < 0) return 'ANSWER_OUT_OF_RANGE';
      const units = (item.extension ?? []).flatMap((extension) =>
        extension.url === UNIT_OPTION_URL && extension.valueCoding ? [extension.valueCoding] : [],
      );
      const unit: Coding = { system: value.value.system, code: value.value.code };
      if (units.length > 0 && !units.some((option) => isSameCoding(option, unit))) return 'UNIT_NOT_ALLOWED';
      return undefined;
    }
    default:
      return undefined;
  }
}
