import { describe, expect, test } from 'vitest';
import { intakeQuestionnaireV1 } from './questionnaire.ts';
import { type ReadableEntry, readableEntries } from './readable-answers.ts';
import { buildResponse, lesionAnswers } from './sample-responses.ts';

const text = {
  item: (item: { text?: string; linkId: string }) => item.text ?? item.linkId,
  answer: (coding: { display?: string }) => coding.display ?? '',
  yes: 'Yes',
  no: 'No',
  date: (ymd: string) => `on ${ymd}`,
};
const entries = readableEntries(intakeQuestionnaireV1.item ?? [], buildResponse(lesionAnswers).item ?? [], text);
const find = (list: ReadableEntry[], linkId: string) => list.find((entry) => entry.linkId === linkId);
const answersOf = (list: ReadableEntry[], linkId: string) => {
  const entry = find(list, linkId);
  return entry?.kind === 'answer' ? entry.answers : undefined;
};

describe('readable intake answers', () => {
  test('choices, yes/no, dates and the patient’s words read as words', () => {
    expect(answersOf(entries, 'concern')).toEqual(['Lesion or mole']);
    expect(answersOf(entries, 'lesion.melanoma-family')).toEqual(['Yes']);
    expect(answersOf(entries, 'lesion.itching')).toEqual(['No']);
    expect(answersOf(entries, 'lesion.onset')).toEqual(['on 2025-03-01']);
    expect(answersOf(entries, 'concern-description')?.[0]).toContain('darker');
  });

  test('each medicine is one instance, with its duration in words', () => {
    const medicines = find(entries, 'medication');
    expect(medicines?.kind).toBe('instances');
    if (medicines?.kind !== 'instances') return;
    expect(medicines.instances).toHaveLength(2);
    expect(answersOf(medicines.instances[0]!, 'medication.name')).toEqual(['Hydrocortisone 1% cream']);
    expect(answersOf(medicines.instances[1]!, 'medication.duration')?.[0]).toMatch(/^18 /);
  });

  test('questions that were not answered do not appear', () => {
    expect(find(entries, 'rash.fever')).toBeUndefined();
  });
});
