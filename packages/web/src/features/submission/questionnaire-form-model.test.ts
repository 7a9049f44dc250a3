import { intakeQuestionnaireV1 } from '@dermis/core';
import type { QuestionnaireItem } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { codingKey, type FormValues } from './intake-form-values.ts';
import { pageItems } from './intake-pages.ts';
import {
  addInstance,
  buildFormModel,
  controlKind,
  type FormNode,
  openRequiredGroups,
  removeInstance,
  setFieldValue,
} from './questionnaire-form-model.ts';

const q = intakeQuestionnaireV1;
const concern = (code: string) => [codingKey({ system: 'https://dermis.dev/fhir/CodeSystem/intake', code })];
const item = (type: QuestionnaireItem['type'], extra: Partial<QuestionnaireItem> = {}): QuestionnaireItem => ({
  linkId: 'x',
  type,
  ...extra,
});

function linkIds(nodes: FormNode[]): string[] {
  return nodes.flatMap((node) => {
    if (node.kind === 'question') return [node.item.linkId];
    if (node.kind === 'group') return [node.item.linkId, ...linkIds(node.children)];
    return [node.item.linkId, ...node.instances.flatMap((instance) => linkIds(instance.children))];
  });
}

describe('controlKind: each item type gets the control a patient answers it with', () => {
  it.each([
    ['a single choice is a radio group', item('choice'), 'radio'],
    ['a "choose all that apply" choice is a checkbox group', item('choice', { repeats: true }), 'checkbox'],
    ['a boolean is a yes/no pair', item('boolean'), 'yes-no'],
    ['an integer is a whole-number input', item('integer'), 'integer'],
    ['a decimal is a number input', item('decimal'), 'decimal'],
    ['a date is a date input', item('date'), 'date'],
    ['a quantity is a number with a unit', item('quantity'), 'quantity'],
    ['a short string is a text input', item('string'), 'input'],
    ['own words are a text area', item('text'), 'textarea'],
    ['a group is a section', item('group'), 'group'],
    ['a repeating group has add/remove instances', item('group', { repeats: true }), 'repeating-group'],
    ['an attachment is not offered in this form', item('attachment'), 'unsupported'],
  ])('%s', (_name, definition, kind) => {
    expect(controlKind(definition)).toBe(kind);
  });
});

describe('buildFormModel shows only enabled items (core enableWhen)', () => {
  it('the concern page asks "which best describes it" only for "other"', () => {
    const page = pageItems(q, 'concern');
    expect(linkIds(buildFormModel(q, { concern: concern('lesion') }, page))).toEqual([
      'concern',
      'concern-description',
    ]);
    expect(linkIds(buildFormModel(q, { concern: concern('other') }, page))).toEqual([
      'concern',
      'other-concern',
      'concern-description',
    ]);
  });

  it('a lesion opens the lesion history; "non-healing" only after bleeding is answered yes', () => {
    const page = pageItems(q, 'history');
    const before = linkIds(buildFormModel(q, { concern: concern('lesion') }, page));
    expect(before[0]).toBe('lesion');
    expect(before).not.toContain('rash');
    expect(before).not.toContain('lesion.non-healing');
    const after = linkIds(buildFormModel(q, { concern: concern('lesion'), 'lesion.bleeding': true }, page));
    expect(after).toContain('lesion.non-healing');
  });

  it('nothing is asked about the concern history before a concern is chosen', () => {
    expect(buildFormModel(q, {}, pageItems(q, 'history'))).toEqual([]);
  });

  it('inside a repeating group, enableWhen is judged per instance', () => {
    // An instance is judged by its own answers; an instance without one looks at the nearest occurrence (R4).
    const type = (code: string) => [codingKey({ system: 'https://dermis.dev/fhir/CodeSystem/intake', code })];
    const values: FormValues = {
      'medications.any': true,
      medication: [
        { 'medication.type': type('medication-prescription') },
        { 'medication.type': type('medication-otc-topical') },
      ],
    };
    const [, group] = buildFormModel(q, values, ['medications.any', 'medication']);
    if (group?.kind !== 'repeating-group') throw new Error('expected the medicines group');
    expect(linkIds(group.instances[0]?.children ?? [])).toContain('medication.route');
    expect(linkIds(group.instances[1]?.children ?? [])).not.toContain('medication.route');
  });

  it('a required repeating group opens its first instance when it becomes enabled', () => {
    const values = openRequiredGroups(q, { 'medications.any': true });
    expect(values.medication).toEqual([{}]);
    expect(openRequiredGroups(q, { 'medications.any': false }).medication).toBeUndefined();
  });

  it('values are set, added and removed in the right instance', () => {
    let values: FormValues = { medication: [{}] };
    values = addInstance(values, [], 'medication');
    values = setFieldValue(values, [{ group: 'medication', index: 1 }], 'medication.name', 'Hydrocortisone');
    expect(values.medication).toEqual([{}, { 'medication.name': 'Hydrocortisone' }]);
    values = removeInstance(values, [], 'medication', 0);
    expect(values.medication).toEqual([{ 'medication.name': 'Hydrocortisone' }]);
  });
});
