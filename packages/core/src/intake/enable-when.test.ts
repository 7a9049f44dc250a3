import type { Questionnaire } from 'fhir/r4.js';
import { describe, expect, test } from 'vitest';
import {
  branchRows,
  chainQuestionnaire,
  operatorQuestionnaire,
  operatorResponse,
  operatorRows,
} from './enable-when.test-cases.ts';
import { createEnablementEvaluator, isItemEnabled, listEnabledLinkIds } from './enable-when.ts';
import { intakeQuestionnaireV1 } from './questionnaire.ts';
import { buildResponse, lesionAnswers } from './sample-responses.ts';

describe('enableWhen operators over answer types', () => {
  test.each(operatorRows)('%s', (_reason, condition, expected) => {
    expect(isItemEnabled(operatorQuestionnaire(condition), operatorResponse, 'target')).toBe(expected);
  });
});

describe('enableWhen semantics', () => {
  const chain = chainQuestionnaire;

  test('an answer to a disabled item counts as no answer, down the chain', () => {
    const response = buildResponse({ a: { valueBoolean: false }, b: { valueBoolean: true } }, chain);
    // b is disabled, so its answer does not count: c (b exists) is off and d (b != true) is on.
    expect(listEnabledLinkIds(chain, response)).toEqual(new Set(['a', 'd']));
  });

  test('children of a disabled group are disabled', () => {
    const response = buildResponse({ a: { valueBoolean: false }, 'g.child': { valueBoolean: true } }, chain);
    expect(isItemEnabled(chain, response, 'g.child')).toBe(false);
    const enabled = buildResponse({ a: { valueBoolean: true } }, chain);
    expect(isItemEnabled(chain, enabled, 'g.child')).toBe(true);
  });

  test('a dependency cycle disables both items instead of looping', () => {
    const cyclic: Questionnaire = {
      resourceType: 'Questionnaire',
      status: 'active',
      item: [
        { linkId: 'x', type: 'boolean', enableWhen: [{ question: 'y', operator: 'exists', answerBoolean: true }] },
        { linkId: 'y', type: 'boolean', enableWhen: [{ question: 'x', operator: 'exists', answerBoolean: true }] },
      ],
    };
    const response = buildResponse({ x: { valueBoolean: true }, y: { valueBoolean: true } }, cyclic);
    expect(listEnabledLinkIds(cyclic, response).size).toBe(0);
  });

  test('an unknown linkId is not enabled', () => {
    expect(isItemEnabled(chain, buildResponse({}, chain), 'nope')).toBe(false);
  });

  test('within a repeating group, a question is read from the same instance', () => {
    const response = buildResponse(lesionAnswers);
    const evaluator = createEnablementEvaluator(intakeQuestionnaireV1, response);
    const [first, second] = evaluator.response.byLinkId.get('medication') ?? [];
    // First medicine is used for the concern, the second is not: only the first asks about its effect.
    expect(evaluator.isEnabled('medication.effect', first)).toBe(true);
    expect(evaluator.isEnabled('medication.effect', second)).toBe(false);
    expect(evaluator.isEnabled('medication.route', first)).toBe(false);
    expect(evaluator.isEnabled('medication.route', second)).toBe(true);
  });
});

describe('intake branching', () => {
  test.each(branchRows)('%s', (_reason, answers, linkId, expected) => {
    expect(listEnabledLinkIds(intakeQuestionnaireV1, buildResponse(answers)).has(linkId)).toBe(expected);
  });
});
