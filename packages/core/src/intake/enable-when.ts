import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemEnableWhen,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from 'fhir/r4.js';
import { compareAnswer, isAnswerEqual, readAnswerValues, readEnableWhenValue } from './answer-values.ts';

/**
 * The one evaluator of `enableWhen`/`enableBehavior` (FHIR R4 Questionnaire). The web form renders with it and
 * the server re-validates with it. Semantics, from the R4 specification:
 * - an item is enabled only if its parent item is enabled;
 * - an answer to a disabled item counts as no answer ("proceed as though the item is not valued");
 * - `exists`: whether an answer exists equals answerBoolean; `=`, `>`, `<`, `>=`, `<=`: at least one answer
 *   satisfies it; `!=`: no answer equals the value (so it is true when there is no answer);
 * - the question named is looked up first inside the enclosing response items (the same repeating-group
 *   instance), then anywhere in the response — the R4 "nearest occurrence" rule, ancestor axis first;
 * - several conditions combine with enableBehavior `all` (default) or `any`; a dependency cycle disables.
 */

export interface QuestionnaireIndex {
  items: Map<string, QuestionnaireItem>;
  parents: Map<string, QuestionnaireItem | undefined>;
}

export function indexQuestionnaire(questionnaire: Questionnaire): QuestionnaireIndex {
  const index: QuestionnaireIndex = { items: new Map(), parents: new Map() };
  const visit = (items: QuestionnaireItem[] | undefined, parent: QuestionnaireItem | undefined) => {
    for (const item of items ?? []) {
      if (!index.items.has(item.linkId)) {
        index.items.set(item.linkId, item);
        index.parents.set(item.linkId, parent);
      }
      visit(item.item, item);
    }
  };
  visit(questionnaire.item, undefined);
  return index;
}

/** Response items with their parents; `parentOf` is undefined for top-level items. */
export interface ResponseTree {
  parentOf: Map<QuestionnaireResponseItem, QuestionnaireResponseItem | undefined>;
  byLinkId: Map<string, QuestionnaireResponseItem[]>;
}

export function indexResponse(response: QuestionnaireResponse): ResponseTree {
  const tree: ResponseTree = { parentOf: new Map(), byLinkId: new Map() };
  const visit = (items: QuestionnaireResponseItem[] | undefined, parent: QuestionnaireResponseItem | undefined) => {
    for (const item of items ?? []) {
      tree.parentOf.set(item, parent);
      const same = tree.byLinkId.get(item.linkId) ?? [];
      same.push(item);
      tree.byLinkId.set(item.linkId, same);
      visit(item.item, item);
      for (const answer of item.answer ?? []) visit(answer.item, item);
    }
  };
  visit(response.item, undefined);
  return tree;
}

export interface EnablementEvaluator {
  readonly questionnaire: QuestionnaireIndex;
  readonly response: ResponseTree;
  /**
   * Whether the item is enabled. `parent` is the response item it sits in (the group instance) when it is
   * nested; without it, the item is judged against the response as a whole.
   */
  isEnabled(linkId: string, parent?: QuestionnaireResponseItem): boolean;
}

export function createEnablementEvaluator(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
): EnablementEvaluator {
  const qIndex = indexQuestionnaire(questionnaire);
  const tree = indexResponse(response);
  const IN_PROGRESS = 'in-progress';
  const cache = new Map<QuestionnaireResponseItem | undefined, Map<string, boolean | typeof IN_PROGRESS>>();

  const isWithin = (item: QuestionnaireResponseItem, scope: QuestionnaireResponseItem): boolean => {
    for (let at = tree.parentOf.get(item); at !== undefined; at = tree.parentOf.get(at)) {
      if (at === scope) return true;
    }
    return false;
  };

  const answersFor = (question: string, context: QuestionnaireResponseItem | undefined) => {
    const occurrences = tree.byLinkId.get(question) ?? [];
    let found = occurrences;
    for (let scope = context; scope !== undefined; scope = tree.parentOf.get(scope)) {
      const inScope = occurrences.filter((item) => isWithin(item, scope as QuestionnaireResponseItem));
      if (inScope.length > 0) {
        found = inScope;
        break;
      }
    }
    return found
      .filter((item) => isEnabled(item.linkId, tree.parentOf.get(item)))
      .flatMap((item): QuestionnaireResponseItemAnswer[] => item.answer ?? []);
  };

  const isConditionMet = (condition: QuestionnaireItemEnableWhen, context: QuestionnaireResponseItem | undefined) => {
    const answers = answersFor(condition.question, context);
    if (condition.operator === 'exists') return answers.length > 0 === (condition.answerBoolean === true);
    const expected = readEnableWhenValue(condition);
    if (expected === undefined) return false;
    const values = answers.flatMap((answer) => readAnswerValues(answer).slice(0, 1));
    const ordered = (test: (difference: number) => boolean) =>
      values.some((value) => {
        const difference = compareAnswer(value, expected);
        return difference !== undefined && test(difference);
      });
    switch (condition.operator) {
      case '=':
        return values.some((value) => isAnswerEqual(value, expected));
      case '!=':
        return !values.some((value) => isAnswerEqual(value, expected));
      case '>':
        return ordered((d) => d > 0);
      case '<':
        return ordered((d) => d < 0);
      case '>=':
        return ordered((d) => d >= 0);
      case '<=':
        return ordered((d) => d <= 0);
      default:
        return false;
    }
  };

  function evaluate(item: QuestionnaireItem, parent: QuestionnaireResponseItem | undefined): boolean {
    const definitionParent = qIndex.parents.get(item.linkId);
    if (definitionParent !== undefined) {
      const isParentEnabled =
        parent !== undefined
          ? isEnabled(parent.linkId, tree.parentOf.get(parent))
          : isEnabled(definitionParent.linkId, undefined);
      if (!isParentEnabled) return false;
    }
    const conditions = item.enableWhen ?? [];
    if (conditions.length === 0) return true;
    const results = conditions.map((condition) => isConditionMet(condition, parent));
    return item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
  }

  function isEnabled(linkId: string, parent?: QuestionnaireResponseItem): boolean {
    const item = qIndex.items.get(linkId);
    if (item === undefined) return false;
    const known = cache.get(parent) ?? new Map<string, boolean | typeof IN_PROGRESS>();
    cache.set(parent, known);
    const cached = known.get(linkId);
    // A cycle in enableWhen (a depends on b depends on a) cannot be satisfied: disable rather than loop.
    if (cached === IN_PROGRESS) return false;
    if (cached !== undefined) return cached;
    known.set(linkId, IN_PROGRESS);
    const enabled = evaluate(item, parent);
    known.set(linkId, enabled);
    return enabled;
  }

  return { questionnaire: qIndex, response: tree, isEnabled };
}

export function isItemEnabled(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  linkId: string,
  parent?: QuestionnaireResponseItem,
): boolean {
  return createEnablementEvaluator(questionnaire, response).isEnabled(linkId, parent);
}

/**
 * The linkIds enabled somewhere in the response. An item inside a repeating group counts when it is enabled
 * in at least one instance of the group (or, with no instance yet, when it would be enabled in a new one).
 */
export function listEnabledLinkIds(questionnaire: Questionnaire, response: QuestionnaireResponse): Set<string> {
  const evaluator = createEnablementEvaluator(questionnaire, response);
  const enabled = new Set<string>();
  const visit = (items: QuestionnaireItem[] | undefined, contexts: (QuestionnaireResponseItem | undefined)[]) => {
    for (const item of items ?? []) {
      if (contexts.some((context) => evaluator.isEnabled(item.linkId, context))) enabled.add(item.linkId);
      if (item.item === undefined) continue;
      const instances = (evaluator.response.byLinkId.get(item.linkId) ?? []).filter((instance) =>
        contexts.includes(evaluator.response.parentOf.get(instance)),
      );
      visit(item.item, instances.length > 0 ? instances : [undefined]);
    }
  };
  visit(questionnaire.item, [undefined]);
  return enabled;
}
