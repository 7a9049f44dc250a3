import type { Observation } from 'fhir/r4.js';
import { describe, expect, test } from 'vitest';
import { GROWTH_RATE } from '../intake/intake-codes.ts';
import { intakeQuestionnaireV1 } from '../intake/questionnaire.ts';
import { createQuestionnaireRegistry } from '../intake/questionnaire-versions.ts';
import { acneAnswers, buildResponse, lesionAnswers, rashAnswers } from '../intake/sample-responses.ts';
import { LATERALITY_EXTENSION_URL, toBodySiteConcept } from './body-site.ts';
import { extractIntake, extractIntakeFromRegistry, UnknownQuestionnaireVersionError } from './extract-intake.ts';

const patient = { reference: 'Patient/p1' };
const context = {
  patient,
  response: { reference: 'QuestionnaireResponse/r1' },
  bodySites: [{ code: '14975008', display: 'Forearm', laterality: 'left' as const }],
};
const lesion = extractIntake(intakeQuestionnaireV1, buildResponse(lesionAnswers), context);
const observationCoded = (observations: Observation[], code: string) =>
  observations.filter((observation) => observation.code.coding?.some((coding) => coding.code === code));

describe('extractIntake', () => {
  test('Fitzpatrick becomes an Observation coded LOINC 66555-4 with the chosen type', () => {
    const [fitzpatrick, ...others] = observationCoded(lesion.observations, '66555-4');
    expect(others).toEqual([]);
    expect(fitzpatrick?.code.coding).toEqual([
      { system: 'http://loinc.org', code: '66555-4', display: 'Fitzpatrick skin type' },
    ]);
    expect(fitzpatrick?.valueCodeableConcept?.coding?.[0]?.code).toBe('fitzpatrick-2');
    expect(fitzpatrick?.subject).toEqual(patient);
    expect(fitzpatrick?.derivedFrom).toEqual([{ reference: 'QuestionnaireResponse/r1' }]);
    expect(fitzpatrick?.effectiveDateTime).toBe('2025-06-10T09:30:00Z');
  });

  test('findings keep their codes and typed values', () => {
    expect(observationCoded(lesion.observations, 'lesion-growth-rate')[0]?.valueCodeableConcept?.coding).toEqual([
      GROWTH_RATE[2],
    ]);
    expect(observationCoded(lesion.observations, '418290006')[0]?.valueBoolean).toBe(false);
    expect(observationCoded(lesion.observations, 'history-melanoma-family')[0]?.valueBoolean).toBe(true);
    const rash = extractIntake(intakeQuestionnaireV1, buildResponse(rashAnswers), context);
    expect(observationCoded(rash.observations, 'rash-duration')[0]?.valueQuantity).toMatchObject({
      value: 3,
      code: 'wk',
    });
    expect(observationCoded(rash.observations, 'recent-medication-change-date')[0]?.valueDateTime).toBe('2025-05-20');
  });

  test('a repeating answer becomes one Observation per answer', () => {
    const acne = extractIntake(intakeQuestionnaireV1, buildResponse(acneAnswers), context);
    expect(observationCoded(acne.observations, 'acne-sites')).toHaveLength(2);
  });

  test('answers to disabled items are not extracted', () => {
    const stale = {
      ...lesionAnswers,
      'rash.fever': { valueBoolean: true },
      'lesion.bleeding': { valueBoolean: false },
    };
    const extracted = extractIntake(intakeQuestionnaireV1, buildResponse(stale), context);
    expect(observationCoded(extracted.observations, '386661006')).toEqual([]);
    expect(observationCoded(extracted.observations, 'lesion-non-healing')).toEqual([]);
  });

  test('the Condition names the concern, its body site with laterality, onset and the patient’s words', () => {
    const { condition } = lesion;
    expect(condition.code?.coding?.map((coding) => coding.code)).toEqual(['106076001', 'lesion']);
    expect(condition.subject).toEqual(patient);
    expect(condition.onsetDateTime).toBe('2025-03-01');
    expect(condition.verificationStatus?.coding?.[0]?.code).toBe('unconfirmed');
    expect(condition.bodySite).toEqual([
      {
        coding: [{ system: 'http://snomed.info/sct', code: '14975008', display: 'Forearm' }],
        text: 'Left forearm',
        extension: [
          {
            url: LATERALITY_EXTENSION_URL,
            valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '7771000', display: 'Left' }] },
          },
        ],
      },
    ]);
    expect(condition.note?.[0]?.text).toContain('darker');
  });

  test('a rash keeps the patient’s duration rather than inventing an onset date', () => {
    const { condition } = extractIntake(intakeQuestionnaireV1, buildResponse(rashAnswers), context);
    expect(condition.onsetDateTime).toBeUndefined();
    expect(condition.onsetString).toBe('About 3 weeks before 2025-06-10 (patient reported)');
  });

  test('each medicine becomes a MedicationStatement with its duration and route', () => {
    const [cream, tablet] = lesion.medicationStatements;
    expect(cream?.medicationCodeableConcept?.text).toBe('Hydrocortisone 1% cream');
    expect(cream?.category?.coding?.[0]?.code).toBe('patientspecified');
    expect(cream?.dosage?.[0]?.timing?.repeat?.boundsDuration).toMatchObject({
      value: 3,
      code: 'wk',
      system: 'http://unitsofmeasure.org',
    });
    expect(cream?.dosage?.[0]?.route?.coding?.[0]?.code).toBe('6064005');
    expect(cream?.dosage?.[0]?.text).toContain('used for 3 weeks');
    expect(cream?.note?.[0]?.text).toContain('No change');
    expect(tablet?.category?.coding?.[0]?.code).toBe('community');
    expect(tablet?.dosage?.[0]?.route?.coding?.[0]?.code).toBe('26643006');
    expect(tablet?.dosage?.[0]?.timing?.repeat?.boundsDuration).toMatchObject({ value: 18, code: 'mo' });
    expect(tablet?.note).toBeUndefined();
  });

  test('each allergy becomes an AllergyIntolerance with category and reactions', () => {
    expect(lesion.allergyIntolerances).toHaveLength(1);
    const [penicillin] = lesion.allergyIntolerances;
    expect(penicillin?.code?.text).toBe('Penicillin');
    expect(penicillin?.category).toEqual(['medication']);
    expect(penicillin?.patient).toEqual(patient);
    expect(penicillin?.reaction?.[0]?.manifestation.map((manifestation) => manifestation.coding?.[0]?.code)).toEqual([
      'reaction-rash',
      'reaction-swelling',
    ]);
  });

  test('no medicines and no allergies extract none', () => {
    const rash = extractIntake(intakeQuestionnaireV1, buildResponse(rashAnswers), context);
    expect(rash.medicationStatements).toEqual([]);
    expect(rash.allergyIntolerances).toEqual([]);
  });
});

describe('extraction by questionnaire version', () => {
  test('an unknown version is refused', () => {
    const registry = createQuestionnaireRegistry([intakeQuestionnaireV1], intakeQuestionnaireV1);
    const response = {
      ...buildResponse(rashAnswers),
      questionnaire: 'https://dermis.dev/fhir/Questionnaire/skin-intake|0',
    };
    expect(() => extractIntakeFromRegistry(registry, response, context)).toThrow(UnknownQuestionnaireVersionError);
  });

  test('an old response extracts with the codes of its own version', () => {
    const v2 = {
      ...intakeQuestionnaireV1,
      version: '2.0.0',
      item: (intakeQuestionnaireV1.item ?? []).filter((item) => item.linkId !== 'fitzpatrick'),
    };
    const registry = createQuestionnaireRegistry([intakeQuestionnaireV1, v2], v2);
    const old = extractIntakeFromRegistry(registry, buildResponse(rashAnswers), context);
    expect(observationCoded(old.observations, '66555-4')).toHaveLength(1);
  });
});

describe('body sites', () => {
  test.each([
    ['right', '24028007', 'Right forearm'],
    ['bilateral', '51440002', 'Bilateral forearm'],
  ] as const)('%s laterality', (laterality, code, text) => {
    const concept = toBodySiteConcept({ code: '14975008', display: 'Forearm', laterality });
    expect(concept.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code).toBe(code);
    expect(concept.text).toBe(text);
  });

  test('a site given without laterality gets no qualifier', () => {
    expect(toBodySiteConcept({ code: '14975008', display: 'Forearm' }).extension).toBeUndefined();
  });

  test('a body site that is not a SNOMED CT concept id is refused', () => {
    expect(() => toBodySiteConcept({ code: 'left-arm', display: 'Left arm' })).toThrow();
  });
});
