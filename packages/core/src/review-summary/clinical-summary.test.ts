import type { Questionnaire } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { intakeQuestionnaireV1 } from '../intake/questionnaire.ts';
import type { ReadableEntry } from '../intake/readable-answers.ts';
import { buildResponse, lesionAnswers, rashAnswers } from '../intake/sample-responses.ts';
import { triageCase } from '../triage/triage-case.ts';
import { buildClinicalSummary, CLINICAL_SECTION_IDS } from './clinical-summary.ts';

const text = {
  item: (item: { text?: string; linkId: string }) => item.linkId,
  answer: (coding: { code?: string }) => coding.code ?? '',
  yes: 'yes',
  no: 'no',
  date: (ymd: string) => `d:${ymd}`,
};
const at = new Date('2025-06-10T09:30:00Z');
const linkIds = (entries: ReadableEntry[]) => entries.map((e) => e.linkId);
const summaryOf = (answers: typeof lesionAnswers, questionnaire: Questionnaire = intakeQuestionnaireV1) => {
  const response = buildResponse(answers, questionnaire);
  return buildClinicalSummary(questionnaire, response, triageCase(response, { at }).firedRules, text);
};

describe('clinical summary', () => {
  const lesion = summaryOf(lesionAnswers);
  const section = (id: string) => lesion.sections.find((s) => s.id === id)!;

  it('orders sections the way a dermatologist reads a history', () => {
    expect(lesion.sections.map((s) => s.id)).toEqual(CLINICAL_SECTION_IDS);
    expect(CLINICAL_SECTION_IDS).toEqual([
      'concern',
      'history',
      'medications',
      'allergies',
      'fitzpatrick',
      'immunosuppression',
      'sun',
      'other',
    ]);
  });

  it('puts urgent red flags before soon ones, each with the answers that fired it', () => {
    const ids = lesion.redFlags.map((f) => f.ruleId);
    expect(ids).toContain('lesion-bleeding');
    expect(ids).toContain('family-melanoma-changing-lesion');
    const firstSoon = lesion.redFlags.findIndex((f) => f.priority === 'soon');
    expect(lesion.redFlags.slice(0, firstSoon).every((f) => f.priority === 'urgent')).toBe(true);
    expect(lesion.redFlags.slice(firstSoon).every((f) => f.priority === 'soon')).toBe(true);
    const bleeding = lesion.redFlags.find((f) => f.ruleId === 'lesion-bleeding')!;
    expect(bleeding.evidence).toEqual([
      { kind: 'answer', linkId: 'lesion.bleeding', question: 'lesion.bleeding', answers: ['yes'] },
    ]);
  });

  it('shows only the fired rules it was given (the stored triage), not a recomputation', () => {
    const response = buildResponse(lesionAnswers);
    const summary = buildClinicalSummary(intakeQuestionnaireV1, response, ['history-melanoma'], text);
    expect(summary.redFlags.map((f) => f.ruleId)).toEqual(['history-melanoma']);
    expect(summary.redFlags[0]!.evidence.map((e) => e.answers)).toEqual([['no']]);
  });

  it('keeps the lesion history, with dates formatted by the caller', () => {
    const history = section('history').entries;
    expect(linkIds(history)).toContain('lesion.onset');
    expect(history.find((e) => e.linkId === 'lesion.onset')).toMatchObject({ answers: ['d:2025-03-01'] });
  });

  it('lists each medicine and allergy as its own instance, with durations and reactions', () => {
    const medicines = section('medications').entries;
    expect(linkIds(medicines)).toEqual(['medications.any', 'medication']);
    const list = medicines[1]!;
    expect(list.kind === 'instances' && list.instances.length).toBe(2);
    if (list.kind !== 'instances') throw new Error('medication is a repeating group');
    expect(list.instances[0]!.find((e) => e.linkId === 'medication.duration')).toMatchObject({ answers: ['3 wk'] });
    const allergy = section('allergies').entries[1]!;
    if (allergy.kind !== 'instances') throw new Error('allergy is a repeating group');
    expect(allergy.instances[0]!.find((e) => e.linkId === 'allergy.reaction')?.kind).toBe('answer');
  });

  it('gives Fitzpatrick type and immunosuppression their own sections', () => {
    expect(linkIds(section('fitzpatrick').entries)).toEqual(['fitzpatrick']);
    expect(linkIds(section('immunosuppression').entries)).toEqual([
      'immunosuppression.status',
      'immunosuppression.reason',
    ]);
  });

  it('has no red flags and an empty other section for a routine case answered in full', () => {
    const routine = summaryOf({
      ...rashAnswers,
      'rash.fever': { valueBoolean: false },
      'rash.medication-change': { valueBoolean: false },
    });
    expect(routine.redFlags).toEqual([]);
    expect(routine.sections.find((s) => s.id === 'other')!.entries).toEqual([]);
  });

  it('shows a top-level item a later intake version adds under other, never hiding it', () => {
    const later: Questionnaire = {
      ...intakeQuestionnaireV1,
      version: '9.0.0',
      item: [...(intakeQuestionnaireV1.item ?? []), { linkId: 'travel', text: 'Recent travel?', type: 'boolean' }],
    };
    const summary = summaryOf({ ...rashAnswers, travel: { valueBoolean: true } }, later);
    expect(summary.sections.find((s) => s.id === 'other')!.entries).toEqual([
      { kind: 'answer', linkId: 'travel', question: 'travel', answers: ['yes'] },
    ]);
  });
});
