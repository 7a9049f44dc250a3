import type { Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem } from 'fhir/r4.js';
import { checkAnswer } from './answer-checks.ts';
import { createEnablementEvaluator, type EnablementEvaluator } from './enable-when.ts';
import type { IntakeValidationError } from './intake-error-codes.ts';
import { questionnaireCanonical } from './questionnaire.ts';

export interface ValidateResponseOptions {
  /** Today's date (YYYY-MM-DD) in the patient's time zone: dates of past events may not be after it. */
  today: string;
  /** false for a draft: missing answers are allowed, everything given must still be valid. Default true. */
  requireAnswers?: boolean;
}

/**
 * Validates a QuestionnaireResponse against the Questionnaire version it names. Required applies only to
 * enabled items; an answer to a disabled item is an error, not silently kept.
 */
export function validateResponse(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  options: ValidateResponseOptions,
): IntakeValidationError[] {
  if (response.questionnaire !== questionnaireCanonical(questionnaire)) return [{ code: 'QUESTIONNAIRE_MISMATCH' }];
  const evaluator = createEnablementEvaluator(questionnaire, response);
  const errors: IntakeValidationError[] = [];
  validateItems(questionnaire.item ?? [], response.item ?? [], undefined, {
    evaluator,
    errors,
    today: options.today,
    requireAnswers: options.requireAnswers ?? true,
  });
  return errors;
}

interface Walk {
  evaluator: EnablementEvaluator;
  errors: IntakeValidationError[];
  today: string;
  requireAnswers: boolean;
}

function hasContent(item: QuestionnaireResponseItem): boolean {
  return (item.answer?.length ?? 0) > 0 || (item.item?.length ?? 0) > 0;
}

function validateItems(
  definitions: QuestionnaireItem[],
  items: QuestionnaireResponseItem[],
  parent: QuestionnaireResponseItem | undefined,
  walk: Walk,
): void {
  const known = new Set(definitions.map((definition) => definition.linkId));
  for (const item of items) {
    if (!known.has(item.linkId)) walk.errors.push({ linkId: item.linkId, code: 'UNKNOWN_ITEM' });
  }
  for (const definition of definitions) {
    const instances = items.filter((item) => item.linkId === definition.linkId);
    if (!walk.evaluator.isEnabled(definition.linkId, parent)) {
      if (instances.some(hasContent)) walk.errors.push({ linkId: definition.linkId, code: 'ITEM_DISABLED' });
      continue;
    }
    if (definition.type === 'group') validateGroup(definition, instances, walk);
    else validateQuestion(definition, instances, walk);
  }
}

function validateGroup(definition: QuestionnaireItem, instances: QuestionnaireResponseItem[], walk: Walk): void {
  const linkId = definition.linkId;
  if (instances.length === 0 && definition.required && walk.requireAnswers) {
    walk.errors.push({ linkId, code: 'ANSWER_REQUIRED' });
  }
  if (instances.length > 1 && !definition.repeats) walk.errors.push({ linkId, code: 'REPEATS_NOT_ALLOWED' });
  for (const instance of instances) {
    if ((instance.answer?.length ?? 0) > 0) walk.errors.push({ linkId, code: 'ANSWER_WRONG_TYPE' });
    validateItems(definition.item ?? [], instance.item ?? [], instance, walk);
  }
}

function validateQuestion(definition: QuestionnaireItem, instances: QuestionnaireResponseItem[], walk: Walk): void {
  const linkId = definition.linkId;
  // A question appears once; several answers go inside that one item, and only if the question repeats.
  const answers = instances.flatMap((instance) => instance.answer ?? []);
  if (instances.length > 1 || (answers.length > 1 && !definition.repeats)) {
    walk.errors.push({ linkId, code: 'REPEATS_NOT_ALLOWED' });
  }
  if (answers.length === 0 && definition.required && walk.requireAnswers) {
    walk.errors.push({ linkId, code: 'ANSWER_REQUIRED' });
  }
  for (const answer of answers) {
    const code = checkAnswer(definition, answer, walk.today);
    if (code !== undefined) walk.errors.push({ linkId, code });
  }
  for (const instance of instances) {
    // Items nested under a question sit under its answers (R4); none may sit on the question itself.
    for (const child of instance.item ?? []) walk.errors.push({ linkId: child.linkId, code: 'UNKNOWN_ITEM' });
    for (const answer of instance.answer ?? []) {
      if (answer.item) validateItems(definition.item ?? [], answer.item, instance, walk);
    }
  }
}
