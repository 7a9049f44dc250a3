/**
 * Every way a QuestionnaireResponse can fail intake validation: a stable code for programs and a title for
 * people (the web app translates by code). Titles never quote answers, so they carry no PHI.
 */
export const INTAKE_ERROR_CODES = {
  QUESTIONNAIRE_MISMATCH: 'The answers were given to a different questionnaire or version.',
  QUESTIONNAIRE_UNKNOWN: 'The questionnaire version the answers name is not known.',
  UNKNOWN_ITEM: 'An answer was given to a question that is not in this questionnaire (or not at this place).',
  ITEM_DISABLED: 'An answer was given to a question that does not apply to earlier answers.',
  ANSWER_REQUIRED: 'This question needs an answer.',
  ANSWER_EMPTY: 'The answer is empty.',
  ANSWER_WRONG_TYPE: 'The answer is not of the kind this question asks for.',
  ANSWER_NOT_ALLOWED: 'The answer is not one of the options offered.',
  ANSWER_OUT_OF_RANGE: 'The number is outside the range this question allows.',
  ANSWER_TOO_LONG: 'The answer is too long.',
  UNIT_NOT_ALLOWED: 'The unit is not one of the units offered.',
  REPEATS_NOT_ALLOWED: 'This question takes a single answer.',
  DATE_INVALID: 'The date is not a valid calendar date.',
  DATE_IN_FUTURE: 'The date is in the future.',
} as const satisfies Record<string, string>;

export type IntakeErrorCode = keyof typeof INTAKE_ERROR_CODES;

/** One problem in a response; `linkId` is absent for problems with the response as a whole. */
export interface IntakeValidationError {
  code: IntakeErrorCode;
  linkId?: string;
}
