import type { QuestionnaireItem } from 'fhir/r4.js';
import { describe, expect, test } from 'vitest';
import { FITZPATRICK_LOINC, LOINC_SYSTEM, SNOMED_SYSTEM } from './intake-codes.ts';
import { INTAKE_LINK_IDS, intakeQuestionnaireV1, questionnaireCanonical } from './questionnaire.ts';
import { OBSERVATION_EXTRACT_URL, UNIT_OPTION_URL } from './questionnaire-item-builders.ts';

function flatten(items: QuestionnaireItem[] | undefined): QuestionnaireItem[] {
  return (items ?? []).flatMap((item) => [item, ...flatten(item.item)]);
}
const items = flatten(intakeQuestionnaireV1.item);
const byLinkId = new Map(items.map((item) => [item.linkId, item]));

/** Every SNOMED CT / LOINC code the intake uses, reviewed by hand; a new one must be added here on purpose. */
const REVIEWED_STANDARD_CODES = new Set([
  `${LOINC_SYSTEM}|66555-4`, // Fitzpatrick skin type
  `${SNOMED_SYSTEM}|418290006`, // Itching
  `${SNOMED_SYSTEM}|22253000`, // Pain
  `${SNOMED_SYSTEM}|386661006`, // Fever
]);

describe('intake Questionnaire', () => {
  test('has a canonical url and version', () => {
    expect(questionnaireCanonical(intakeQuestionnaireV1)).toBe(
      'https://dermis.dev/fhir/Questionnaire/skin-intake|1.0.0',
    );
    expect(intakeQuestionnaireV1.status).toBe('active');
  });

  test('linkIds are unique', () => {
    expect(byLinkId.size).toBe(items.length);
  });

  test('the linkIds other code relies on exist', () => {
    for (const linkId of Object.values(INTAKE_LINK_IDS)) expect(byLinkId.has(linkId), linkId).toBe(true);
  });

  test('every enableWhen names an existing question defined before it, with an offered answer', () => {
    const order = items.map((item) => item.linkId);
    for (const item of items) {
      for (const condition of item.enableWhen ?? []) {
        const question = byLinkId.get(condition.question);
        expect(question, `${item.linkId} → ${condition.question}`).toBeDefined();
        expect(order.indexOf(condition.question)).toBeLessThan(order.indexOf(item.linkId));
        if (condition.answerCoding) {
          const offered = (question?.answerOption ?? []).map((option) => option.valueCoding?.code);
          expect(offered, `${item.linkId} → ${condition.answerCoding.code}`).toContain(condition.answerCoding.code);
        }
      }
    }
  });

  test('more than one enableWhen always says how they combine (que-12)', () => {
    for (const item of items) {
      if ((item.enableWhen?.length ?? 0) > 1) expect(item.enableBehavior, item.linkId).toBeDefined();
    }
  });

  test('free text only where the patient’s own words are wanted', () => {
    expect(items.filter((item) => item.type === 'text').map((item) => item.linkId)).toEqual(['concern-description']);
  });

  test('choices offer options; durations offer UCUM units', () => {
    for (const item of items) {
      if (item.type === 'choice') expect(item.answerOption?.length, item.linkId).toBeGreaterThan(1);
      if (item.type === 'quantity') {
        const units = (item.extension ?? []).filter((extension) => extension.url === UNIT_OPTION_URL);
        expect(
          units.map((unit) => unit.valueCoding?.code),
          item.linkId,
        ).toEqual(['d', 'wk', 'mo', 'a']);
      }
    }
  });

  test('Fitzpatrick is LOINC 66555-4 with six answer options, extracted as an Observation', () => {
    const fitzpatrick = byLinkId.get('fitzpatrick');
    expect(fitzpatrick?.code).toEqual([FITZPATRICK_LOINC]);
    expect(fitzpatrick?.answerOption).toHaveLength(6);
    expect(fitzpatrick?.extension).toContainEqual({ url: OBSERVATION_EXTRACT_URL, valueBoolean: true });
  });

  test('uses only reviewed SNOMED CT and LOINC codes (no invented ones)', () => {
    const codings = items.flatMap((item) => [
      ...(item.code ?? []),
      ...(item.answerOption ?? []).flatMap((option) => (option.valueCoding ? [option.valueCoding] : [])),
    ]);
    const standard = codings.filter((coding) => coding.system === SNOMED_SYSTEM || coding.system === LOINC_SYSTEM);
    for (const coding of standard) expect(REVIEWED_STANDARD_CODES).toContain(`${coding.system}|${coding.code}`);
  });

  test('every extracted item has a code to name its Observation', () => {
    const extracted = items.filter((item) =>
      (item.extension ?? []).some((extension) => extension.url === OBSERVATION_EXTRACT_URL),
    );
    expect(extracted.length).toBeGreaterThan(40);
    for (const item of extracted) expect(item.code?.length, item.linkId).toBe(1);
  });
});
