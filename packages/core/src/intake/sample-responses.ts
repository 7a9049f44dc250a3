import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from 'fhir/r4.js';
import {
  ACNE_SITES,
  ALLERGY_CATEGORY,
  ALLERGY_REACTION,
  CONCERN,
  FITZPATRICK_TYPES,
  GROWTH_RATE,
  HAIR_PATTERN,
  IMMUNOSUPPRESSION_REASON,
  MEDICATION_ROUTE,
  MEDICATION_TYPE,
  NAIL_LOCATION,
  OTHER_CONCERN,
  RASH_DISTRIBUTION,
  TREATMENT_EFFECT,
} from './intake-codes.ts';
import { intakeQuestionnaireV1, questionnaireCanonical } from './questionnaire.ts';

/**
 * Builds QuestionnaireResponses from answers keyed by linkId, shaped by the questionnaire: non-repeating
 * groups are filled from the same flat map, repeating groups take one map per instance. Used by tests, demo
 * data and the web form's previews.
 */
export type AnswerInput = QuestionnaireResponseItemAnswer | QuestionnaireResponseItemAnswer[];
export interface ResponseAnswers {
  [linkId: string]: AnswerInput | ResponseAnswers[];
}

function isInstanceList(value: AnswerInput | ResponseAnswers[] | undefined): value is ResponseAnswers[] {
  return (
    Array.isArray(value) && value.length > 0 && !Object.keys(value[0] ?? {}).some((key) => key.startsWith('value'))
  );
}

function buildItems(definitions: QuestionnaireItem[], answers: ResponseAnswers): QuestionnaireResponseItem[] {
  const items: QuestionnaireResponseItem[] = [];
  for (const definition of definitions) {
    const given = answers[definition.linkId];
    if (definition.type === 'group') {
      const instances = isInstanceList(given) ? given : [answers];
      for (const instance of instances) {
        const children = buildItems(definition.item ?? [], instance);
        if (children.length > 0) items.push({ linkId: definition.linkId, item: children });
      }
    } else if (given !== undefined && !isInstanceList(given)) {
      items.push({ linkId: definition.linkId, answer: Array.isArray(given) ? given : [given] });
    }
  }
  return items;
}

export function buildResponse(
  answers: ResponseAnswers,
  questionnaire: Questionnaire = intakeQuestionnaireV1,
  authored = '2025-06-10T09:30:00Z',
): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: questionnaireCanonical(questionnaire),
    status: 'completed',
    authored,
    item: buildItems(questionnaire.item ?? [], answers),
  };
}

const weeks = (value: number) => ({
  valueQuantity: { value, unit: 'weeks', system: 'http://unitsofmeasure.org', code: 'wk' },
});
const months = (value: number) => ({
  valueQuantity: { value, unit: 'months', system: 'http://unitsofmeasure.org', code: 'mo' },
});

/** The answers every concern shares, with no medicines and no allergies. */
export const commonAnswers: ResponseAnswers = {
  fitzpatrick: { valueCoding: FITZPATRICK_TYPES[1] },
  'immunosuppression.status': { valueBoolean: false },
  'medications.any': { valueBoolean: false },
  'allergies.any': { valueBoolean: false },
};

export const lesionAnswers: ResponseAnswers = {
  ...commonAnswers,
  concern: { valueCoding: CONCERN.lesion },
  'concern-description': { valueString: 'A mole on my forearm that looks darker than it used to.' },
  'lesion.onset': { valueDate: '2025-03-01' },
  'lesion.growth': { valueCoding: GROWTH_RATE[2] },
  'lesion.colour-change': { valueBoolean: true },
  'lesion.bleeding': { valueBoolean: true },
  'lesion.non-healing': { valueBoolean: true },
  'lesion.itching': { valueBoolean: false },
  'lesion.pain': { valueBoolean: false },
  'lesion.prior-biopsy': { valueBoolean: false },
  'lesion.melanoma-personal': { valueBoolean: false },
  'lesion.skin-cancer-personal': { valueBoolean: false },
  'lesion.melanoma-family': { valueBoolean: true },
  'lesion.skin-cancer-family': { valueBoolean: false },
  'lesion.topical-treatment': { valueBoolean: true },
  'sun.blistering-sunburn': { valueBoolean: true },
  'sun.sunbed': { valueBoolean: false },
  'sun.outdoor': { valueBoolean: true },
  'medications.any': { valueBoolean: true },
  medication: [
    {
      'medication.name': { valueString: 'Hydrocortisone 1% cream' },
      'medication.type': { valueCoding: MEDICATION_TYPE.otcTopical },
      'medication.duration': weeks(3),
      'medication.for-concern': { valueBoolean: true },
      'medication.effect': { valueCoding: TREATMENT_EFFECT[1] },
    },
    {
      'medication.name': { valueString: 'Tacrolimus' },
      'medication.type': { valueCoding: MEDICATION_TYPE.prescription },
      'medication.route': { valueCoding: MEDICATION_ROUTE[1] },
      'medication.duration': months(18),
      'medication.for-concern': { valueBoolean: false },
    },
  ],
  'immunosuppression.status': { valueBoolean: true },
  'immunosuppression.reason': [{ valueCoding: IMMUNOSUPPRESSION_REASON[0] }],
  'allergies.any': { valueBoolean: true },
  allergy: [
    {
      'allergy.substance': { valueString: 'Penicillin' },
      'allergy.category': { valueCoding: ALLERGY_CATEGORY[0] },
      'allergy.reaction': [{ valueCoding: ALLERGY_REACTION[0] }, { valueCoding: ALLERGY_REACTION[1] }],
    },
  ],
};

export const rashAnswers: ResponseAnswers = {
  ...commonAnswers,
  concern: { valueCoding: CONCERN.rash },
  'rash.duration': weeks(3),
  'rash.distribution': { valueCoding: RASH_DISTRIBUTION[2] },
  'rash.itching': { valueBoolean: true },
  'rash.pain': { valueBoolean: false },
  'rash.fever': { valueBoolean: true },
  'rash.mucosal': { valueBoolean: false },
  'rash.medication-change': { valueBoolean: true },
  'rash.medication-change-date': { valueDate: '2025-05-20' },
  'rash.prior-episodes': { valueBoolean: false },
  'rash.worse-after-sun': { valueBoolean: false },
  'rash.allergen-exposure': { valueBoolean: false },
  'sun.blistering-sunburn': { valueBoolean: false },
  'sun.sunbed': { valueBoolean: false },
  'sun.outdoor': { valueBoolean: false },
};

export const nailAnswers: ResponseAnswers = {
  ...commonAnswers,
  concern: { valueCoding: CONCERN.other },
  'other-concern': { valueCoding: OTHER_CONCERN.nail },
  'nail.duration': months(6),
  'nail.location': { valueCoding: NAIL_LOCATION[0] },
  'nail.count': { valueInteger: 4 },
  'nail.dark-streak': { valueBoolean: false },
  'nail.skin-elsewhere': { valueBoolean: false },
  'nail.joint-pain': { valueBoolean: true },
};

export const acneAnswers: ResponseAnswers = {
  ...commonAnswers,
  concern: { valueCoding: CONCERN.other },
  'other-concern': { valueCoding: OTHER_CONCERN.acne },
  'acne.duration': months(14),
  'acne.sites': [{ valueCoding: ACNE_SITES[0] }, { valueCoding: ACNE_SITES[2] }],
  'acne.nodules': { valueBoolean: true },
  'acne.scarring': { valueBoolean: true },
  'acne.pigmentation': { valueBoolean: false },
  'acne.distress': { valueBoolean: true },
};

export const hairAnswers: ResponseAnswers = {
  ...commonAnswers,
  concern: { valueCoding: CONCERN.other },
  'other-concern': { valueCoding: OTHER_CONCERN.hair },
  'hair.duration': months(3),
  'hair.pattern': { valueCoding: HAIR_PATTERN[0] },
  'hair.scalp-symptoms': { valueBoolean: false },
  'hair.recent-trigger': { valueBoolean: false },
};

export const otherAnswers: ResponseAnswers = {
  ...commonAnswers,
  concern: { valueCoding: CONCERN.other },
  'other-concern': { valueCoding: OTHER_CONCERN.other },
  'concern-description': { valueString: 'Skin on my palms peels every spring.' },
  'other.duration': weeks(8),
};
