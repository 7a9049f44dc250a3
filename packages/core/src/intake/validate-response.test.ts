import type { QuestionnaireResponse } from 'fhir/r4.js';
import { describe, expect, test } from 'vitest';
import { FITZPATRICK_TYPES, GROWTH_RATE, MEDICATION_TYPE } from './intake-codes.ts';
import type { IntakeErrorCode } from './intake-error-codes.ts';
import { intakeQuestionnaireV1 } from './questionnaire.ts';
import { buildResponse, lesionAnswers, nailAnswers, type ResponseAnswers, rashAnswers } from './sample-responses.ts';
import { validateResponse } from './validate-response.ts';

const today = '2025-06-10';
const validate = (response: QuestionnaireResponse, requireAnswers = true) =>
  validateResponse(intakeQuestionnaireV1, response, { today, requireAnswers });
const answersWith = (base: ResponseAnswers, changes: ResponseAnswers): QuestionnaireResponse =>
  buildResponse({ ...base, ...changes });
const withoutKey = (base: ResponseAnswers, key: string): ResponseAnswers =>
  Object.fromEntries(Object.entries(base).filter(([linkId]) => linkId !== key));
const firstMedication = (changes: ResponseAnswers): ResponseAnswers => {
  const [first, ...rest] = lesionAnswers.medication as ResponseAnswers[];
  return { medication: [{ ...first, ...changes }, ...rest] };
};

/** [reason, response, expected {linkId, code}] — one row per error code, plus the clinical reason for it. */
const rows: [string, QuestionnaireResponse, { linkId?: string; code: IntakeErrorCode }[]][] = [
  [
    'a response to another version is refused before anything else',
    { ...buildResponse(lesionAnswers), questionnaire: 'https://dermis.dev/fhir/Questionnaire/skin-intake|0.9.0' },
    [{ code: 'QUESTIONNAIRE_MISMATCH' }],
  ],
  [
    'a response naming no questionnaire is refused',
    { ...buildResponse(lesionAnswers), questionnaire: undefined },
    [{ code: 'QUESTIONNAIRE_MISMATCH' }],
  ],
  [
    'a lesion needs its growth rate',
    buildResponse(withoutKey(lesionAnswers, 'lesion.growth')),
    [{ linkId: 'lesion.growth', code: 'ANSWER_REQUIRED' }],
  ],
  ['a rash does not need a growth rate (required only when enabled)', buildResponse(rashAnswers), []],
  [
    'a growth rate given for a rash is an answer to a disabled item',
    answersWith(rashAnswers, { 'lesion.growth': { valueCoding: GROWTH_RATE[0] } }),
    [{ linkId: 'lesion', code: 'ITEM_DISABLED' }],
  ],
  [
    'a healing answer when the lesion does not bleed is disabled',
    answersWith(lesionAnswers, { 'lesion.bleeding': { valueBoolean: false } }),
    [{ linkId: 'lesion.non-healing', code: 'ITEM_DISABLED' }],
  ],
  [
    'the effect of a medicine not used for the concern is disabled (per group instance)',
    answersWith(lesionAnswers, {
      medication: [
        {
          ...(lesionAnswers.medication as ResponseAnswers[])[1],
          'medication.effect': { valueCoding: FITZPATRICK_TYPES[0] },
        },
      ],
    }),
    [{ linkId: 'medication.effect', code: 'ITEM_DISABLED' }],
  ],
  [
    'immunosuppressed needs a reason',
    answersWith(lesionAnswers, { 'immunosuppression.reason': [] }),
    [{ linkId: 'immunosuppression.reason', code: 'ANSWER_REQUIRED' }],
  ],
  [
    'medicines declared but none listed',
    answersWith(rashAnswers, { 'medications.any': { valueBoolean: true } }),
    [{ linkId: 'medication', code: 'ANSWER_REQUIRED' }],
  ],
  [
    'a medicine needs its duration',
    answersWith(lesionAnswers, firstMedication({ 'medication.duration': [] })),
    [{ linkId: 'medication.duration', code: 'ANSWER_REQUIRED' }],
  ],
  [
    'a yes/no question answered with text',
    answersWith(lesionAnswers, { 'lesion.colour-change': { valueString: 'yes' } }),
    [{ linkId: 'lesion.colour-change', code: 'ANSWER_WRONG_TYPE' }],
  ],
  [
    'a yes/no answer sent as the string "no"',
    answersWith(lesionAnswers, { 'lesion.pain': { valueBoolean: 'no' as unknown as boolean } }),
    [{ linkId: 'lesion.pain', code: 'ANSWER_WRONG_TYPE' }],
  ],
  [
    'an answer carrying two values at once',
    answersWith(lesionAnswers, { 'lesion.pain': { valueBoolean: true, valueString: 'a bit' } }),
    [{ linkId: 'lesion.pain', code: 'ANSWER_WRONG_TYPE' }],
  ],
  [
    'a Fitzpatrick type that is not one of I–VI',
    answersWith(lesionAnswers, { fitzpatrick: { valueCoding: { ...FITZPATRICK_TYPES[0], code: 'fitzpatrick-7' } } }),
    [{ linkId: 'fitzpatrick', code: 'ANSWER_NOT_ALLOWED' }],
  ],
  [
    'a growth option from another code system',
    answersWith(lesionAnswers, {
      'lesion.growth': { valueCoding: { system: 'http://loinc.org', code: 'growth-rapid' } },
    }),
    [{ linkId: 'lesion.growth', code: 'ANSWER_NOT_ALLOWED' }],
  ],
  [
    'two growth rates for a single-answer question',
    answersWith(lesionAnswers, { 'lesion.growth': [{ valueCoding: GROWTH_RATE[0] }, { valueCoding: GROWTH_RATE[1] }] }),
    [{ linkId: 'lesion.growth', code: 'REPEATS_NOT_ALLOWED' }],
  ],
  [
    'the same question sent twice',
    {
      ...buildResponse(rashAnswers),
      item: [
        ...(buildResponse(rashAnswers).item ?? []),
        { linkId: 'fitzpatrick', answer: [{ valueCoding: FITZPATRICK_TYPES[2] }] },
      ],
    },
    [{ linkId: 'fitzpatrick', code: 'REPEATS_NOT_ALLOWED' }],
  ],
  [
    'an onset date in the future',
    answersWith(lesionAnswers, { 'lesion.onset': { valueDate: '2025-06-11' } }),
    [{ linkId: 'lesion.onset', code: 'DATE_IN_FUTURE' }],
  ],
  [
    'an onset month in the future',
    answersWith(lesionAnswers, { 'lesion.onset': { valueDate: '2025-07' } }),
    [{ linkId: 'lesion.onset', code: 'DATE_IN_FUTURE' }],
  ],
  [
    'an onset month that is this month is fine',
    answersWith(lesionAnswers, { 'lesion.onset': { valueDate: '2025-06' } }),
    [],
  ],
  [
    'an onset date that does not exist',
    answersWith(lesionAnswers, { 'lesion.onset': { valueDate: '2025-02-30' } }),
    [{ linkId: 'lesion.onset', code: 'DATE_INVALID' }],
  ],
  [
    'a duration in an unit not offered',
    answersWith(rashAnswers, {
      'rash.duration': { valueQuantity: { value: 3, system: 'http://unitsofmeasure.org', code: 'mg' } },
    }),
    [{ linkId: 'rash.duration', code: 'UNIT_NOT_ALLOWED' }],
  ],
  [
    'a negative duration',
    answersWith(rashAnswers, {
      'rash.duration': { valueQuantity: { value: -2, system: 'http://unitsofmeasure.org', code: 'd' } },
    }),
    [{ linkId: 'rash.duration', code: 'ANSWER_OUT_OF_RANGE' }],
  ],
  [
    'an empty medicine name',
    answersWith(lesionAnswers, firstMedication({ 'medication.name': { valueString: '   ' } })),
    [{ linkId: 'medication.name', code: 'ANSWER_EMPTY' }],
  ],
  [
    'a medicine name longer than 200 characters',
    answersWith(lesionAnswers, firstMedication({ 'medication.name': { valueString: 'x'.repeat(201) } })),
    [{ linkId: 'medication.name', code: 'ANSWER_TOO_LONG' }],
  ],
  [
    'an answer to a question that does not exist',
    {
      ...buildResponse(rashAnswers),
      item: [...(buildResponse(rashAnswers).item ?? []), { linkId: 'shoe-size', answer: [{ valueInteger: 9 }] }],
    },
    [{ linkId: 'shoe-size', code: 'UNKNOWN_ITEM' }],
  ],
  [
    'a medicine question answered outside its group',
    {
      ...buildResponse(rashAnswers),
      item: [...(buildResponse(rashAnswers).item ?? []), { linkId: 'medication.name', answer: [{ valueString: 'x' }] }],
    },
    [{ linkId: 'medication.name', code: 'UNKNOWN_ITEM' }],
  ],
  [
    'a medicine type that is not offered',
    answersWith(
      lesionAnswers,
      firstMedication({ 'medication.type': { valueCoding: { ...MEDICATION_TYPE.otcOral, code: 'herbal' } } }),
    ),
    [{ linkId: 'medication.type', code: 'ANSWER_NOT_ALLOWED' }],
  ],
];

describe('validateResponse', () => {
  test.each(rows)('%s', (_reason, response, expected) => {
    expect(validate(response)).toEqual(expected);
  });

  test('the lesion sample, with medicines and allergies, is valid', () => {
    expect(validate(buildResponse(lesionAnswers))).toEqual([]);
  });

  test('a number of nails outside 1–20 is out of range', () => {
    const response = buildResponse({ ...nailAnswers, 'nail.count': { valueInteger: 21 } });
    expect(validate(response)).toEqual([{ linkId: 'nail.count', code: 'ANSWER_OUT_OF_RANGE' }]);
    const fractional = buildResponse({ ...nailAnswers, 'nail.count': { valueInteger: 2.5 } });
    expect(validate(fractional)).toEqual([{ linkId: 'nail.count', code: 'ANSWER_WRONG_TYPE' }]);
  });

  test('a draft may leave required questions open but not give wrong answers', () => {
    const draft = buildResponse({ concern: lesionAnswers.concern!, 'lesion.onset': { valueDate: '2030-01-01' } });
    expect(validate(draft, false)).toEqual([{ linkId: 'lesion.onset', code: 'DATE_IN_FUTURE' }]);
    expect(validate(draft, true).map((error) => error.code)).toContain('ANSWER_REQUIRED');
  });
});
