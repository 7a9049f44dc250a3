import { intakeQuestionnaireV1, validateResponse } from '@dermis/core';
import { describe, expect, it } from 'vitest';
import { buildResponse, codingKey, type FormValues, responseToSave, valuesFromResponse } from './intake-form-values.ts';

const q = intakeQuestionnaireV1;
const INTAKE = 'https://dermis.dev/fhir/CodeSystem/intake';
const key = (code: string) => codingKey({ system: INTAKE, code });

const lesion: FormValues = {
  concern: [key('lesion')],
  'concern-description': 'A dark mole on my arm',
  'lesion.onset': '2025-01-15',
  'lesion.growth': [key('growth-rapid')],
  'lesion.colour-change': true,
  'lesion.bleeding': false,
  'lesion.itching': false,
  'lesion.pain': false,
  'lesion.prior-biopsy': false,
  'lesion.melanoma-personal': false,
  'lesion.skin-cancer-personal': false,
  'lesion.melanoma-family': true,
  'lesion.skin-cancer-family': false,
  'lesion.topical-treatment': false,
  fitzpatrick: [key('fitzpatrick-2')],
  'immunosuppression.status': false,
  'sun.blistering-sunburn': true,
  'sun.sunbed': false,
  'sun.outdoor': false,
  'medications.any': true,
  medication: [
    {
      'medication.name': 'Hydrocortisone 1%',
      'medication.type': [key('medication-otc-topical')],
      'medication.duration': { value: '3', unit: 'wk' },
      'medication.for-concern': false,
    },
  ],
  'allergies.any': false,
};

describe('form values ↔ QuestionnaireResponse', () => {
  it('a complete lesion intake maps to a response the core validator accepts', () => {
    const response = responseToSave(q, lesion);
    expect(validateResponse(q, response, { today: '2026-01-01', requireAnswers: true })).toEqual([]);
    expect(response.questionnaire).toBe(`${q.url}|${q.version}`);
  });

  it('answers become typed FHIR values (coding, boolean, date, quantity with UCUM unit)', () => {
    const items = responseToSave(q, lesion).item ?? [];
    const lesionGroup = items.find((i) => i.linkId === 'lesion')?.item ?? [];
    expect(lesionGroup.find((i) => i.linkId === 'lesion.onset')?.answer).toEqual([{ valueDate: '2025-01-15' }]);
    expect(lesionGroup.find((i) => i.linkId === 'lesion.colour-change')?.answer).toEqual([{ valueBoolean: true }]);
    const medication = items.find((i) => i.linkId === 'medication')?.item ?? [];
    expect(medication.find((i) => i.linkId === 'medication.duration')?.answer).toEqual([
      { valueQuantity: { value: 3, unit: 'weeks', system: 'http://unitsofmeasure.org', code: 'wk' } },
    ]);
  });

  it('reading a saved response gives back the same form values (round trip)', () => {
    expect(valuesFromResponse(q, responseToSave(q, lesion))).toEqual(lesion);
  });

  it('answers to questions that no longer apply are dropped before saving (concern changed to rash)', () => {
    const response = responseToSave(q, { ...lesion, concern: [key('rash')] });
    expect(response.item?.some((i) => i.linkId === 'lesion')).toBe(false);
    expect(validateResponse(q, response, { today: '2026-01-01', requireAnswers: false })).toEqual([]);
  });

  it('empty fields and empty group instances are not sent', () => {
    const response = responseToSave(q, {
      concern: [key('rash')],
      'rash.duration': { value: '', unit: 'wk' },
      medication: [{}],
    });
    expect(response.item).toEqual([
      { linkId: 'concern', answer: [{ valueCoding: expect.objectContaining({ code: 'rash' }) }] },
    ]);
  });

  it('a number without a unit or out of range is caught by the core validator, with the server codes', () => {
    const response = responseToSave(q, {
      concern: [key('other')],
      'other-concern': [key('nail')],
      'nail.duration': { value: '2', unit: '' },
      'nail.count': '25',
    });
    const codes = validateResponse(q, response, { today: '2026-01-01', requireAnswers: false });
    expect(codes).toEqual(
      expect.arrayContaining([
        { linkId: 'nail.duration', code: 'UNIT_NOT_ALLOWED' },
        { linkId: 'nail.count', code: 'ANSWER_OUT_OF_RANGE' },
      ]),
    );
  });

  it('keepEmptyGroups gives every group instance a response item to judge enableWhen in', () => {
    const { contexts } = buildResponse(q, { medication: [{}, {}] }, { keepEmptyGroups: true });
    expect([...contexts.keys()]).toEqual(expect.arrayContaining(['lesion', 'medication#0', 'medication#1']));
  });
});
