import type { Questionnaire, QuestionnaireItem } from 'fhir/r4.js';
import { acneBranch, hairBranch, lesionBranch, nailBranch, otherBranch, rashBranch } from './concern-branches.ts';
import {
  ALLERGY_CATEGORY,
  ALLERGY_REACTION,
  CONCERN,
  FITZPATRICK_LOINC,
  FITZPATRICK_TYPES,
  IMMUNOSUPPRESSION_REASON,
  INTAKE_SYSTEM,
  intakeCode,
  MEDICATION_ROUTE,
  MEDICATION_TYPE,
  OTHER_CONCERN,
  TREATMENT_EFFECT,
} from './intake-codes.ts';
import {
  booleanQuestion,
  choiceQuestion,
  durationQuestion,
  group,
  ownWordsQuestion,
  stringQuestion,
  whenCoding,
  whenTrue,
} from './questionnaire-item-builders.ts';

export const INTAKE_QUESTIONNAIRE_URL = 'https://dermis.dev/fhir/Questionnaire/skin-intake';

/**
 * linkIds other code relies on (extraction, triage). They are stable across versions: a version that changes
 * what an item means gives it a new linkId instead.
 */
export const INTAKE_LINK_IDS = {
  concern: 'concern',
  otherConcern: 'other-concern',
  description: 'concern-description',
  lesionOnset: 'lesion.onset',
  medication: 'medication',
  medicationName: 'medication.name',
  medicationType: 'medication.type',
  medicationRoute: 'medication.route',
  medicationDuration: 'medication.duration',
  medicationForConcern: 'medication.for-concern',
  medicationEffect: 'medication.effect',
  allergy: 'allergy',
  allergySubstance: 'allergy.substance',
  allergyCategory: 'allergy.category',
  allergyReaction: 'allergy.reaction',
} as const;

const concernItems: QuestionnaireItem[] = [
  choiceQuestion('concern', 'What would you like us to look at?', Object.values(CONCERN)),
  choiceQuestion('other-concern', 'Which best describes it?', Object.values(OTHER_CONCERN), {
    enableWhen: [whenCoding('concern', CONCERN.other)],
  }),
  ownWordsQuestion('concern-description', 'Describe the concern in your own words.'),
];

// Immunosuppression raises skin cancer risk and changes how infections present (DESIGN.md triage flags).
const immunosuppression = group('immunosuppression', 'Your immune system', [
  booleanQuestion(
    'immunosuppression.status',
    'Do you have a weakened immune system (for example after a transplant, from medicines, or from a condition)?',
    { observation: true, code: intakeCode('immunosuppressed', 'Immunosuppressed') },
  ),
  choiceQuestion('immunosuppression.reason', 'Why? Choose all that apply.', IMMUNOSUPPRESSION_REASON, {
    repeats: true,
    enableWhen: [whenTrue('immunosuppression.status')],
    observation: true,
    code: intakeCode('immunosuppression-reason', 'Reason for immunosuppression'),
  }),
]);

// Cumulative and intermittent UV exposure are melanoma and keratinocyte cancer risk factors; outdoor life
// also matters for photo-aggravated rashes. Not asked for acne, hair or nails.
const sunExposure = group(
  'sun',
  'Sun exposure',
  [
    booleanQuestion('sun.blistering-sunburn', 'Have you ever had a sunburn that blistered?', {
      observation: true,
      code: intakeCode('history-blistering-sunburn', 'History of blistering sunburn'),
    }),
    booleanQuestion('sun.sunbed', 'Have you ever used sunbeds?', {
      observation: true,
      code: intakeCode('history-sunbed-use', 'History of sunbed use'),
    }),
    booleanQuestion('sun.outdoor', 'Do you, or did you for years, spend most days outdoors (work or leisure)?', {
      observation: true,
      code: intakeCode('outdoor-exposure', 'Prolonged outdoor exposure'),
    }),
  ],
  { enableWhen: [whenCoding('concern', CONCERN.lesion), whenCoding('concern', CONCERN.rash)], enableBehavior: 'any' },
);

const medications: QuestionnaireItem[] = [
  booleanQuestion(
    'medications.any',
    'Do you use any medicines, including creams, ointments or tablets bought from a shop or pharmacy?',
  ),
  group(
    'medication',
    'Your medicines',
    [
      stringQuestion('medication.name', 'Name of the medicine'),
      choiceQuestion('medication.type', 'What kind is it?', Object.values(MEDICATION_TYPE)),
      choiceQuestion('medication.route', 'How do you use it?', MEDICATION_ROUTE, {
        enableWhen: [whenCoding('medication.type', MEDICATION_TYPE.prescription)],
      }),
      durationQuestion('medication.duration', 'How long have you been using it?'),
      booleanQuestion('medication.for-concern', 'Are you using it for this skin concern?'),
      choiceQuestion('medication.effect', 'How has the skin concern changed since you started it?', TREATMENT_EFFECT, {
        enableWhen: [whenTrue('medication.for-concern')],
      }),
    ],
    { repeats: true, enableWhen: [whenTrue('medications.any')] },
  ),
];

const allergies: QuestionnaireItem[] = [
  booleanQuestion('allergies.any', 'Are you allergic to anything (medicines, foods, plasters, latex, metals)?'),
  group(
    'allergy',
    'Your allergies',
    [
      stringQuestion('allergy.substance', 'What are you allergic to?'),
      choiceQuestion('allergy.category', 'What kind of thing is it?', ALLERGY_CATEGORY),
      choiceQuestion('allergy.reaction', 'What happens? Choose all that apply.', ALLERGY_REACTION, { repeats: true }),
    ],
    { repeats: true, enableWhen: [whenTrue('allergies.any')] },
  ),
];

/** The Dermis skin intake, version 1.0.0. Published versions are never edited; add a new version instead. */
export const intakeQuestionnaireV1: Questionnaire = {
  resourceType: 'Questionnaire',
  id: 'skin-intake-1.0.0',
  url: INTAKE_QUESTIONNAIRE_URL,
  version: '1.0.0',
  name: 'DermisSkinIntake',
  title: 'Dermis skin intake',
  status: 'active',
  date: '2025-01-01',
  publisher: 'Dermis',
  description: 'Structured history for a store-and-forward teledermatology case, branching on the presenting concern.',
  subjectType: ['Patient'],
  code: [{ system: INTAKE_SYSTEM, code: 'skin-intake', display: 'Dermis skin intake' }],
  item: [
    ...concernItems,
    lesionBranch,
    rashBranch,
    acneBranch,
    hairBranch,
    nailBranch,
    otherBranch,
    choiceQuestion('fitzpatrick', 'Which best describes how your skin reacts to the sun?', FITZPATRICK_TYPES, {
      observation: true,
      code: FITZPATRICK_LOINC,
    }),
    immunosuppression,
    sunExposure,
    ...medications,
    ...allergies,
  ],
};

/** The canonical reference a response must carry: `url|version`. */
export function questionnaireCanonical(questionnaire: Questionnaire): string {
  return `${questionnaire.url}|${questionnaire.version}`;
}
