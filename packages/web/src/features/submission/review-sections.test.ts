import { intakeQuestionnaireV1 } from '@dermis/core';
import { describe, expect, it } from 'vitest';
import { codingKey, responseToSave } from './intake-form-values.ts';
import { pageItems, pageOfLinkId } from './intake-pages.ts';
import { ANSWER_TEXT_ES, ITEM_TEXT_ES } from './intake-text-es.ts';
import { buildReviewSections } from './review-sections.ts';
import { WIZARD_STEPS } from './wizard-steps.ts';

const q = intakeQuestionnaireV1;
const key = (code: string) => codingKey({ system: 'https://dermis.dev/fhir/CodeSystem/intake', code });
const text = {
  item: (item: { text?: string; linkId: string }) => item.text ?? item.linkId,
  answer: (coding: { display?: string }) => coding.display ?? '',
  yes: 'Yes',
  no: 'No',
  date: (ymd: string) => `on ${ymd}`,
};

describe('review grouping', () => {
  const response = responseToSave(q, {
    concern: [key('lesion')],
    'lesion.onset': '2025-01-15',
    'lesion.bleeding': true,
    fitzpatrick: [key('fitzpatrick-3')],
    'medications.any': true,
    medication: [{ 'medication.name': 'Emollient', 'medication.duration': { value: '2', unit: 'mo' } }],
    'allergies.any': false,
  });
  const sections = buildReviewSections(q, response, text);

  it('follows the order a clinician reads a history in, each with the step that changes it', () => {
    expect(sections.map((s) => [s.id, s.step])).toEqual([
      ['concern', 'concern'],
      ['bodySites', 'body-sites'],
      ['history', 'history'],
      ['about', 'about'],
      ['medicines', 'medicines'],
      ['allergies', 'medicines'],
    ]);
  });

  it('shows answers in plain words: choices by their text, yes/no, dates, durations with units', () => {
    const byId = Object.fromEntries(sections.map((s) => [s.id, s.entries]));
    expect(byId.concern).toEqual([
      {
        kind: 'answer',
        linkId: 'concern',
        question: 'What would you like us to look at?',
        answers: ['Lesion or mole'],
      },
    ]);
    expect(byId.history).toEqual([
      expect.objectContaining({ linkId: 'lesion.onset', answers: ['on 2025-01-15'] }),
      expect.objectContaining({ linkId: 'lesion.bleeding', answers: ['Yes'] }),
    ]);
    expect(byId.medicines?.[1]).toEqual({
      kind: 'instances',
      linkId: 'medication',
      question: 'Your medicines',
      instances: [
        [
          expect.objectContaining({ linkId: 'medication.name', answers: ['Emollient'] }),
          expect.objectContaining({ linkId: 'medication.duration', answers: ['2 months'] }),
        ],
      ],
    });
    expect(byId.allergies).toEqual([expect.objectContaining({ linkId: 'allergies.any', answers: ['No'] })]);
  });
});

describe('intake pages and steps', () => {
  it('every top-level item is asked on exactly one page', () => {
    const pages = (['concern', 'history', 'medicines', 'about'] as const).flatMap((p) => pageItems(q, p));
    expect(pages.sort()).toEqual((q.item ?? []).map((i) => i.linkId).sort());
  });

  it('nested items belong to the page of their top-level group', () => {
    expect(pageOfLinkId(q, 'lesion.non-healing')).toBe('history');
    expect(pageOfLinkId(q, 'medication.route')).toBe('medicines');
    expect(pageOfLinkId(q, 'sun.sunbed')).toBe('about');
  });

  it('body sites, then photos, then review', () => {
    expect(WIZARD_STEPS.slice(-3)).toEqual(['body-sites', 'photos', 'review']);
  });
});

describe('Spanish intake wording', () => {
  it('every item and answer of the current questionnaire has a Spanish text', () => {
    const missing: string[] = [];
    const visit = (items: typeof q.item) => {
      for (const item of items ?? []) {
        if (!ITEM_TEXT_ES[item.linkId]) missing.push(item.linkId);
        for (const option of item.answerOption ?? []) {
          if (option.valueCoding?.code && !ANSWER_TEXT_ES[option.valueCoding.code])
            missing.push(option.valueCoding.code);
        }
        for (const extension of item.extension ?? []) {
          if (extension.valueCoding?.code && !ANSWER_TEXT_ES[extension.valueCoding.code])
            missing.push(extension.valueCoding.code);
        }
        visit(item.item);
      }
    };
    visit(q.item);
    expect(missing).toEqual([]);
  });
});
