import type { Questionnaire } from 'fhir/r4.js';
import { describe, expect, test } from 'vitest';
import { intakeQuestionnaireV1, questionnaireCanonical } from './questionnaire.ts';
import { createQuestionnaireRegistry, intakeQuestionnaires, validateIntakeResponse } from './questionnaire-versions.ts';
import { buildResponse, rashAnswers } from './sample-responses.ts';

// A later version that drops "worse after sun" and makes a new required question: old answers must still
// validate against 1.0.0, and new answers against 2.0.0.
const v2: Questionnaire = {
  ...intakeQuestionnaireV1,
  id: 'skin-intake-2.0.0',
  version: '2.0.0',
  item: [
    ...(intakeQuestionnaireV1.item ?? []).map((item) =>
      item.linkId === 'rash'
        ? { ...item, item: (item.item ?? []).filter((child) => child.linkId !== 'rash.worse-after-sun') }
        : item,
    ),
    { linkId: 'pregnant', type: 'boolean', text: 'Are you pregnant?', required: true },
  ],
};
const registry = createQuestionnaireRegistry([intakeQuestionnaireV1, v2], v2);
const options = { today: '2025-06-10' };

describe('questionnaire versions', () => {
  test('the published intake is found by its canonical url|version', () => {
    expect(intakeQuestionnaires.find(questionnaireCanonical(intakeQuestionnaireV1))).toBe(intakeQuestionnaireV1);
    expect(intakeQuestionnaires.current).toBe(intakeQuestionnaireV1);
  });

  test('an old response is validated against the version it names, after the intake changed', () => {
    const old = buildResponse(rashAnswers, intakeQuestionnaireV1);
    expect(validateIntakeResponse(old, options, registry)).toEqual([]);
    // The same answers read against 2.0.0 would fail: proof the version is what decides.
    expect(validateIntakeResponse({ ...old, questionnaire: questionnaireCanonical(v2) }, options, registry)).toEqual([
      { linkId: 'rash.worse-after-sun', code: 'UNKNOWN_ITEM' },
      { linkId: 'pregnant', code: 'ANSWER_REQUIRED' },
    ]);
  });

  test('a new response is validated against the new version', () => {
    const { 'rash.worse-after-sun': _dropped, ...answers } = rashAnswers;
    const fresh = buildResponse({ ...answers, pregnant: { valueBoolean: false } }, v2);
    expect(validateIntakeResponse(fresh, options, registry)).toEqual([]);
  });

  test('an unknown version is an error, never a guess', () => {
    const response = {
      ...buildResponse(rashAnswers),
      questionnaire: 'https://dermis.dev/fhir/Questionnaire/skin-intake|9',
    };
    expect(validateIntakeResponse(response, options)).toEqual([{ code: 'QUESTIONNAIRE_UNKNOWN' }]);
  });

  test('two different questionnaires may not share a canonical', () => {
    const clash = { ...v2, title: 'edited in place' };
    expect(() => createQuestionnaireRegistry([v2, clash], v2)).toThrow(/share the canonical/);
  });
});
