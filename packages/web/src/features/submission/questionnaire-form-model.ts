import { createEnablementEvaluator } from '@dermis/core';
import type { Questionnaire, QuestionnaireItem } from 'fhir/r4.js';
import { buildResponse, childPath, type FieldValue, type FormValues } from './intake-form-values.ts';

/** The control each Questionnaire item type is answered with. */
export type ControlKind =
  | 'radio'
  | 'checkbox'
  | 'yes-no'
  | 'integer'
  | 'decimal'
  | 'date'
  | 'quantity'
  | 'input'
  | 'textarea'
  | 'group'
  | 'repeating-group'
  | 'unsupported';

export function controlKind(item: QuestionnaireItem): ControlKind {
  switch (item.type) {
    case 'choice':
    case 'open-choice':
      return item.repeats ? 'checkbox' : 'radio';
    case 'boolean':
      return 'yes-no';
    case 'integer':
      return 'integer';
    case 'decimal':
      return 'decimal';
    case 'date':
      return 'date';
    case 'quantity':
      return 'quantity';
    case 'string':
      return 'input';
    case 'text':
      return 'textarea';
    case 'group':
      return item.repeats ? 'repeating-group' : 'group';
    default:
      return 'unsupported';
  }
}

/**
 * Where a value lives in FormValues: the repeating-group instances on the way ([{ group, index }]), then the
 * item's linkId inside that object.
 */
export type InstancePath = readonly { group: string; index: number }[];

export type FormNode =
  | { kind: 'question'; item: QuestionnaireItem; control: ControlKind; at: InstancePath; value: FieldValue | undefined }
  | { kind: 'group'; item: QuestionnaireItem; children: FormNode[] }
  | {
      kind: 'repeating-group';
      item: QuestionnaireItem;
      at: InstancePath;
      instances: { index: number; children: FormNode[] }[];
    };

/**
 * The items to show for the given top-level linkIds: only those enabled by the current answers, judged by
 * core's enableWhen evaluator (the same one the server validates with), each in its own group instance.
 */
export function buildFormModel(
  questionnaire: Questionnaire,
  values: FormValues,
  topLevel: readonly string[],
): FormNode[] {
  const { response, contexts } = buildResponse(questionnaire, values, { keepEmptyGroups: true });
  const evaluator = createEnablementEvaluator(questionnaire, response);

  const nodes = (definitions: QuestionnaireItem[], source: FormValues, path: string, at: InstancePath): FormNode[] =>
    definitions.flatMap((item): FormNode[] => {
      if (!evaluator.isEnabled(item.linkId, contexts.get(path))) return [];
      const control = controlKind(item);
      if (control === 'group') {
        const groupPath = childPath(path, item.linkId);
        return [{ kind: 'group', item, children: nodes(item.item ?? [], source, groupPath, at) }];
      }
      if (control === 'repeating-group') {
        const instances = (source[item.linkId] as FormValues[] | undefined) ?? [];
        return [
          {
            kind: 'repeating-group',
            item,
            at,
            instances: instances.map((instance, index) => ({
              index,
              children: nodes(item.item ?? [], instance, childPath(path, `${item.linkId}#${index}`), [
                ...at,
                { group: item.linkId, index },
              ]),
            })),
          },
        ];
      }
      if (control === 'unsupported') return [];
      return [{ kind: 'question', item, control, at, value: source[item.linkId] as FieldValue | undefined }];
    });

  const wanted = new Set(topLevel);
  return nodes(
    (questionnaire.item ?? []).filter((item) => wanted.has(item.linkId)),
    values,
    '',
    [],
  );
}

function updateAt(values: FormValues, at: InstancePath, change: (target: FormValues) => FormValues): FormValues {
  const [step, ...rest] = at;
  if (step === undefined) return change(values);
  const instances = [...((values[step.group] as FormValues[] | undefined) ?? [])];
  const instance = instances[step.index];
  if (instance === undefined) return values;
  instances[step.index] = updateAt(instance, rest, change);
  return { ...values, [step.group]: instances };
}

export function setFieldValue(
  values: FormValues,
  at: InstancePath,
  linkId: string,
  value: FieldValue | undefined,
): FormValues {
  return updateAt(values, at, (target) => ({ ...target, [linkId]: value }));
}

export function addInstance(values: FormValues, at: InstancePath, group: string): FormValues {
  return updateAt(values, at, (target) => ({
    ...target,
    [group]: [...((target[group] as FormValues[] | undefined) ?? []), {}],
  }));
}

export function removeInstance(values: FormValues, at: InstancePath, group: string, index: number): FormValues {
  return updateAt(values, at, (target) => ({
    ...target,
    [group]: ((target[group] as FormValues[] | undefined) ?? []).filter((_, i) => i !== index),
  }));
}

/** A stable id for a field in the page (for labels and error links). */
export function fieldId(at: InstancePath, linkId: string): string {
  const prefix = at.map((step) => `${step.group}-${step.index}`).join('-');
  return `q-${prefix ? `${prefix}-` : ''}${linkId}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

export function hasValue(value: FieldValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return true;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return value.value.trim() !== '';
}

/**
 * A required repeating group that has just become enabled ("Do you use any medicines?" → yes) gets its first
 * empty instance, so the patient sees the questions at once instead of an "Add" button.
 */
export function openRequiredGroups(questionnaire: Questionnaire, values: FormValues): FormValues {
  const { response, contexts } = buildResponse(questionnaire, values, { keepEmptyGroups: true });
  const evaluator = createEnablementEvaluator(questionnaire, response);
  let next = values;
  const visit = (definitions: QuestionnaireItem[], path: string) => {
    for (const item of definitions) {
      if (item.type !== 'group' || !evaluator.isEnabled(item.linkId, contexts.get(path))) continue;
      if (!item.repeats) {
        visit(item.item ?? [], childPath(path, item.linkId));
      } else if (item.required && ((next[item.linkId] as FormValues[] | undefined) ?? []).length === 0) {
        next = { ...next, [item.linkId]: [{}] };
      }
    }
  };
  visit(questionnaire.item ?? [], '');
  return next;
}
