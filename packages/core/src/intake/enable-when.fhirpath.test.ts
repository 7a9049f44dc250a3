import type {
  Questionnaire,
  QuestionnaireItemEnableWhen,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
} from 'fhir/r4.js';
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4/index.js';
import { describe, expect, test } from 'vitest';
import {
  branchRows,
  chainAnswers,
  chainQuestionnaire,
  operatorQuestionnaire,
  operatorResponse,
  operatorRows,
} from './enable-when.test-cases.ts';
import { createEnablementEvaluator, indexQuestionnaire, type QuestionnaireIndex } from './enable-when.ts';
import { intakeQuestionnaireV1 } from './questionnaire.ts';
import { buildResponse } from './sample-responses.ts';

/**
 * Cross-check (issue 4): each item's enableWhen is translated to a FHIRPath expression over the response and
 * evaluated by fhirpath.js with its R4 model (typed answer.value, UCUM quantities, partial dates); the result
 * must agree with our evaluator for every item of every representative response. The translation is written
 * from the R4 rules independently of enable-when.ts: occurrences inside the same repeating-group instance
 * when the question is defined in that group, otherwise anywhere; a disabled question counts as unanswered.
 */
interface Scope {
  /** FHIRPath to the response node the expression starts from. */
  path: string;
  /** The repeating group whose instance `path` is, if any. */
  group?: string;
}
const WHOLE_RESPONSE: Scope = { path: '%context' };

function isDefinedWithin(index: QuestionnaireIndex, linkId: string, groupLinkId: string): boolean {
  for (let parent = index.parents.get(linkId); parent !== undefined; parent = index.parents.get(parent.linkId)) {
    if (parent.linkId === groupLinkId) return true;
  }
  return false;
}

function literal(condition: QuestionnaireItemEnableWhen): string {
  if (condition.answerBoolean !== undefined) return String(condition.answerBoolean);
  if (condition.answerInteger !== undefined) return String(condition.answerInteger);
  if (condition.answerDecimal !== undefined) {
    return Number.isInteger(condition.answerDecimal) ? `${condition.answerDecimal}.0` : String(condition.answerDecimal);
  }
  if (condition.answerDate !== undefined) return `@${condition.answerDate}`;
  if (condition.answerString !== undefined) return `'${condition.answerString.replaceAll("'", "\\'")}'`;
  if (condition.answerQuantity !== undefined) {
    return `${condition.answerQuantity.value} '${condition.answerQuantity.code}'`;
  }
  throw new Error('No translation for this enableWhen answer type');
}

function matchesExpression(condition: QuestionnaireItemEnableWhen, operator: string): string {
  const coding = condition.answerCoding;
  if (coding === undefined) return `$this ${operator} ${literal(condition)}`;
  const system = coding.system === undefined ? '' : `system = '${coding.system}' and `;
  return `${system}code = '${coding.code}'`;
}

function conditionExpression(index: QuestionnaireIndex, condition: QuestionnaireItemEnableWhen, scope: Scope): string {
  const questionScope =
    scope.group !== undefined && isDefinedWithin(index, condition.question, scope.group) ? scope : WHOLE_RESPONSE;
  const values = `${questionScope.path}.repeat(item).where(linkId = '${condition.question}').answer.value`;
  const enabled = `(${enabledExpression(index, condition.question, questionScope)})`;
  switch (condition.operator) {
    case 'exists':
      return condition.answerBoolean ? `${enabled} and ${values}.exists()` : `${enabled}.not() or ${values}.empty()`;
    case '!=':
      return `${enabled}.not() or ${values}.where(${matchesExpression(condition, '=')}).empty()`;
    default:
      return `${enabled} and ${values}.where(${matchesExpression(condition, condition.operator)}).exists()`;
  }
}

function enabledExpression(index: QuestionnaireIndex, linkId: string, scope: Scope): string {
  const item = index.items.get(linkId);
  if (item === undefined) return 'false';
  const parts: string[] = [];
  const parent = index.parents.get(linkId);
  if (parent !== undefined) {
    parts.push(enabledExpression(index, parent.linkId, parent.linkId === scope.group ? WHOLE_RESPONSE : scope));
  }
  const conditions = (item.enableWhen ?? []).map((condition) => `(${conditionExpression(index, condition, scope)})`);
  if (conditions.length > 0) parts.push(conditions.join(item.enableBehavior === 'any' ? ' or ' : ' and '));
  return parts.length === 0 ? 'true' : parts.map((part) => `(${part})`).join(' and ');
}

function evaluateWithFhirPath(response: QuestionnaireResponse, expression: string): boolean {
  const result = fhirpath.evaluate(response, expression, {}, r4Model) as unknown[];
  return result.length === 1 && result[0] === true;
}

interface Disagreement {
  linkId: string;
  instance: number | undefined;
  ours: boolean;
  fhirpath: boolean;
}

/** Compares every item, in every instance of its repeating group, and returns the disagreements. */
function compareAll(questionnaire: Questionnaire, response: QuestionnaireResponse) {
  const evaluator = createEnablementEvaluator(questionnaire, response);
  const index = evaluator.questionnaire;
  const disagreements: Disagreement[] = [];
  const outcomes = new Set<boolean>();
  let compared = 0;
  const topLevel = response.item ?? [];
  for (const [linkId] of index.items) {
    const group = [...index.items.keys()].find(
      (candidate) => index.items.get(candidate)?.repeats && isDefinedWithin(index, linkId, candidate),
    );
    const instances: (QuestionnaireResponseItem | undefined)[] =
      group === undefined ? [undefined] : topLevel.filter((item) => item.linkId === group);
    for (const instance of instances) {
      const position = instance === undefined ? undefined : topLevel.indexOf(instance);
      const scope: Scope =
        position === undefined ? WHOLE_RESPONSE : { path: `%context.item[${position}]`, group: group as string };
      // Our evaluator takes the enclosing response item; outside repeating groups, the one the response has.
      const definitionParent = index.parents.get(linkId)?.linkId;
      const parent =
        instance !== undefined && definitionParent === group
          ? instance
          : definitionParent === undefined
            ? undefined
            : evaluator.response.byLinkId.get(definitionParent)?.[0];
      const ours = evaluator.isEnabled(linkId, parent);
      const theirs = evaluateWithFhirPath(response, enabledExpression(index, linkId, scope));
      outcomes.add(ours);
      compared += 1;
      if (ours !== theirs) disagreements.push({ linkId, instance: position, ours, fhirpath: theirs });
    }
  }
  return { disagreements, compared, outcomes };
}

describe('enableWhen agrees with fhirpath.js (R4 model)', () => {
  const responses = new Map<string, QuestionnaireResponse>();
  for (const [reason, answers] of branchRows) responses.set(reason, buildResponse(answers));

  test.each([...responses])('intake: %s', (_reason, response) => {
    const { disagreements, compared, outcomes } = compareAll(intakeQuestionnaireV1, response);
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(intakeQuestionnaireV1.item?.length ?? 0);
    expect(outcomes).toEqual(new Set([true, false]));
  });

  test.each(chainAnswers)('chain: %s', (_reason, answers) => {
    const { disagreements, compared } = compareAll(chainQuestionnaire, buildResponse(answers, chainQuestionnaire));
    expect(disagreements).toEqual([]);
    expect(compared).toBe(7);
  });

  test.each(operatorRows)('operator: %s', (_reason, condition, expected) => {
    const questionnaire = operatorQuestionnaire(condition);
    const index = indexQuestionnaire(questionnaire);
    const theirs = evaluateWithFhirPath(operatorResponse, enabledExpression(index, 'target', WHOLE_RESPONSE));
    expect(theirs).toBe(expected);
    expect(compareAll(questionnaire, operatorResponse).disagreements).toEqual([]);
  });
});
