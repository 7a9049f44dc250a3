import type { QuestionnaireItem } from 'fhir/r4.js';
import {
  ACNE_SITES,
  ALLERGEN_EXPOSURE,
  CONCERN,
  GROWTH_RATE,
  HAIR_PATTERN,
  intakeCode,
  NAIL_LOCATION,
  OTHER_CONCERN,
  RASH_DISTRIBUTION,
  RASH_PATTERN,
  SNOMED_FINDINGS,
} from './intake-codes.ts';
import {
  booleanQuestion,
  choiceQuestion,
  durationQuestion,
  group,
  integerQuestion,
  pastDateQuestion,
  whenCoding,
  whenTrue,
} from './questionnaire-item-builders.ts';

/** The branch each presenting concern opens (DESIGN.md flow 1, "Intake branches"). */

// DESIGN.md flow 1: a lesion asks onset, growth, colour change, bleeding/crusting, itch/pain, prior biopsy,
// personal and family skin cancer (melanoma separately), current topical treatment.
export const lesionBranch: QuestionnaireItem = group(
  'lesion',
  'About the spot or mole',
  [
    pastDateQuestion('lesion.onset', 'When did you first notice it? (an approximate date is fine)'),
    choiceQuestion('lesion.growth', 'Has it changed in size?', GROWTH_RATE, {
      observation: true,
      code: intakeCode('lesion-growth-rate', 'Lesion growth rate'),
    }),
    booleanQuestion('lesion.colour-change', 'Has its colour changed?', {
      observation: true,
      code: intakeCode('lesion-colour-change', 'Lesion colour change'),
    }),
    booleanQuestion('lesion.bleeding', 'Does it bleed or crust?', {
      observation: true,
      code: intakeCode('lesion-bleeding-or-crusting', 'Lesion bleeding or crusting'),
    }),
    // NICE NG12: a crusted or bleeding lesion that has not healed in 4 weeks is a suspected-cancer feature.
    booleanQuestion('lesion.non-healing', 'Has the bleeding or crusted area stayed unhealed for more than 4 weeks?', {
      enableWhen: [whenTrue('lesion.bleeding')],
      observation: true,
      code: intakeCode('lesion-non-healing', 'Lesion not healed after 4 weeks'),
    }),
    booleanQuestion('lesion.itching', 'Does it itch?', { observation: true, code: SNOMED_FINDINGS.itching }),
    booleanQuestion('lesion.pain', 'Is it painful or tender?', { observation: true, code: SNOMED_FINDINGS.pain }),
    booleanQuestion('lesion.prior-biopsy', 'Has a doctor ever taken a sample (biopsy) of this spot?', {
      observation: true,
      code: intakeCode('lesion-prior-biopsy', 'Prior biopsy of this lesion'),
    }),
    booleanQuestion('lesion.melanoma-personal', 'Have you ever had melanoma?', {
      observation: true,
      code: intakeCode('history-melanoma-personal', 'Personal history of melanoma'),
    }),
    booleanQuestion('lesion.skin-cancer-personal', 'Have you ever had another skin cancer (basal or squamous cell)?', {
      observation: true,
      code: intakeCode('history-skin-cancer-personal', 'Personal history of non-melanoma skin cancer'),
    }),
    booleanQuestion('lesion.melanoma-family', 'Has a parent, brother, sister or child had melanoma?', {
      observation: true,
      code: intakeCode('history-melanoma-family', 'Family history of melanoma (first-degree relative)'),
    }),
    booleanQuestion('lesion.skin-cancer-family', 'Has a parent, brother, sister or child had another skin cancer?', {
      observation: true,
      code: intakeCode('history-skin-cancer-family', 'Family history of non-melanoma skin cancer'),
    }),
    // The treatment itself (name, type, duration) is listed once, in the medications group.
    booleanQuestion('lesion.topical-treatment', 'Are you putting any cream, ointment or other treatment on it?', {
      observation: true,
      code: intakeCode('lesion-topical-treatment', 'Current topical treatment of the lesion'),
    }),
  ],
  { enableWhen: [whenCoding('concern', CONCERN.lesion)] },
);

// DESIGN.md flow 1: a rash asks distribution, duration, itch/pain/fever, recent medication changes, prior
// episodes, known allergen exposures.
export const rashBranch: QuestionnaireItem = group(
  'rash',
  'About the rash',
  [
    durationQuestion('rash.duration', 'How long have you had it?', {
      observation: true,
      code: intakeCode('rash-duration', 'Rash duration'),
    }),
    choiceQuestion('rash.distribution', 'How much of your body does it cover?', RASH_DISTRIBUTION, {
      observation: true,
      code: intakeCode('rash-distribution', 'Rash distribution'),
    }),
    choiceQuestion('rash.pattern', 'Does any of these describe where it is? Choose all that fit.', RASH_PATTERN, {
      required: false,
      repeats: true,
      observation: true,
      code: intakeCode('rash-pattern', 'Rash distribution pattern'),
    }),
    booleanQuestion('rash.itching', 'Does it itch?', { observation: true, code: SNOMED_FINDINGS.itching }),
    booleanQuestion('rash.pain', 'Is it painful?', { observation: true, code: SNOMED_FINDINGS.pain }),
    booleanQuestion('rash.fever', 'Have you had a fever or felt feverish?', {
      observation: true,
      code: SNOMED_FINDINGS.fever,
    }),
    // Widespread rash with fever: screen for mucosal involvement or blistering (SJS/TEN, DRESS; BAD SJS/TEN 2016).
    booleanQuestion('rash.mucosal', 'Do you have blisters, peeling skin, or sores in your mouth, eyes or genitals?', {
      enableWhen: [
        whenCoding('rash.distribution', intakeCode('distribution-widespread', 'Over much of the body')),
        whenTrue('rash.fever'),
      ],
      enableBehavior: 'all',
      observation: true,
      code: intakeCode('rash-mucosal-or-blistering', 'Mucosal involvement or blistering'),
    }),
    // Drug eruptions appear from days up to about 8 weeks after a new medicine (DRESS: 2–8 weeks).
    booleanQuestion('rash.medication-change', 'In the last 8 weeks, have you started, stopped or changed a medicine?', {
      observation: true,
      code: intakeCode('recent-medication-change', 'Medication change in the last 8 weeks'),
    }),
    pastDateQuestion('rash.medication-change-date', 'When was the change? (an approximate date is fine)', {
      enableWhen: [whenTrue('rash.medication-change')],
      observation: true,
      code: intakeCode('recent-medication-change-date', 'Date of the medication change'),
    }),
    booleanQuestion('rash.prior-episodes', 'Have you had a rash like this before?', {
      observation: true,
      code: intakeCode('rash-prior-episodes', 'Prior similar episodes'),
    }),
    booleanQuestion('rash.worse-after-sun', 'Does it get worse after time in the sun?', {
      observation: true,
      code: intakeCode('rash-photosensitive', 'Worse after sun exposure'),
    }),
    booleanQuestion('rash.allergen-exposure', 'Have you been in contact with anything you think could cause it?', {
      observation: true,
      code: intakeCode('allergen-exposure', 'Known allergen exposure'),
    }),
    choiceQuestion('rash.allergen-type', 'What was it? Choose all that fit.', ALLERGEN_EXPOSURE, {
      repeats: true,
      enableWhen: [whenTrue('rash.allergen-exposure')],
      observation: true,
      code: intakeCode('allergen-exposure-type', 'Type of allergen exposure'),
    }),
  ],
  { enableWhen: [whenCoding('concern', CONCERN.rash)] },
);

// NICE NG198 (acne): refer for nodules/cysts, scarring, persistent pigmentation or psychological distress.
export const acneBranch: QuestionnaireItem = group(
  'acne',
  'About the acne',
  [
    durationQuestion('acne.duration', 'How long have you had it?', {
      observation: true,
      code: intakeCode('acne-duration', 'Acne duration'),
    }),
    choiceQuestion('acne.sites', 'Where is it? Choose all that fit.', ACNE_SITES, {
      repeats: true,
      observation: true,
      code: intakeCode('acne-sites', 'Acne sites'),
    }),
    booleanQuestion('acne.nodules', 'Do you have large, painful lumps deep under the skin?', {
      observation: true,
      code: intakeCode('acne-nodules', 'Nodular or cystic acne'),
    }),
    booleanQuestion('acne.scarring', 'Has it left scars?', {
      observation: true,
      code: intakeCode('acne-scarring', 'Acne scarring'),
    }),
    booleanQuestion('acne.pigmentation', 'Does it leave dark marks that stay after spots heal?', {
      observation: true,
      code: intakeCode('acne-pigmentation', 'Persistent pigmentary change'),
    }),
    booleanQuestion('acne.distress', 'Is it affecting your mood or daily life a lot?', {
      observation: true,
      code: intakeCode('acne-distress', 'Psychological distress from acne'),
    }),
  ],
  { enableWhen: [whenCoding('other-concern', OTHER_CONCERN.acne)] },
);

// Hair loss: pattern separates alopecia areata, telogen effluvium and pattern loss; scalp inflammation points
// to scarring alopecia or tinea; a trigger 2–3 months before suggests telogen effluvium (NICE CKS alopecia).
export const hairBranch: QuestionnaireItem = group(
  'hair',
  'About your hair or scalp',
  [
    durationQuestion('hair.duration', 'How long has it been happening?', {
      observation: true,
      code: intakeCode('hair-duration', 'Hair concern duration'),
    }),
    choiceQuestion('hair.pattern', 'What does it look like?', HAIR_PATTERN, {
      observation: true,
      code: intakeCode('hair-loss-pattern', 'Hair loss pattern'),
    }),
    booleanQuestion('hair.scalp-symptoms', 'Is your scalp itchy, scaly, sore or red?', {
      observation: true,
      code: intakeCode('scalp-inflammation', 'Scalp symptoms'),
    }),
    booleanQuestion(
      'hair.recent-trigger',
      'In the 6 months before it started, did you have a major illness, operation, birth or severe stress?',
      {
        observation: true,
        code: intakeCode('hair-recent-trigger', 'Possible trigger in the previous 6 months'),
      },
    ),
  ],
  { enableWhen: [whenCoding('other-concern', OTHER_CONCERN.hair)] },
);

// Nails: a new or widening dark streak is a subungual melanoma warning sign (Hutchinson sign); nail changes
// with skin plaques or joint symptoms point to psoriasis and psoriatic arthritis (PEST screening).
export const nailBranch: QuestionnaireItem = group(
  'nail',
  'About your nails',
  [
    durationQuestion('nail.duration', 'How long has it been happening?', {
      observation: true,
      code: intakeCode('nail-duration', 'Nail concern duration'),
    }),
    choiceQuestion('nail.location', 'Which nails?', NAIL_LOCATION, {
      observation: true,
      code: intakeCode('nail-location', 'Nails affected'),
    }),
    integerQuestion(
      'nail.count',
      'How many nails are affected?',
      { min: 1, max: 20 },
      {
        observation: true,
        code: intakeCode('nail-count', 'Number of nails affected'),
      },
    ),
    booleanQuestion('nail.dark-streak', 'Is there a new dark stripe in a nail?', {
      observation: true,
      code: intakeCode('nail-dark-streak', 'New pigmented nail band'),
    }),
    booleanQuestion('nail.streak-spreading', 'Is the stripe getting wider, or has the colour spread onto the skin?', {
      enableWhen: [whenTrue('nail.dark-streak')],
      observation: true,
      code: intakeCode('nail-streak-spreading', 'Widening band or periungual pigmentation'),
    }),
    booleanQuestion('nail.skin-elsewhere', 'Do you have scaly patches or a rash anywhere else?', {
      observation: true,
      code: intakeCode('nail-skin-elsewhere', 'Skin plaques elsewhere'),
    }),
    booleanQuestion('nail.joint-pain', 'Do you have joint pain, swelling or stiffness?', {
      enableWhen: [whenTrue('nail.skin-elsewhere'), { question: 'nail.count', operator: '>=', answerInteger: 2 }],
      enableBehavior: 'any',
      observation: true,
      code: intakeCode('joint-symptoms', 'Joint pain, swelling or stiffness'),
    }),
  ],
  { enableWhen: [whenCoding('other-concern', OTHER_CONCERN.nail)] },
);

// Anything else: the patient's own words (asked for every concern) carry it; we add only how long.
export const otherBranch: QuestionnaireItem = group(
  'other',
  'About your concern',
  [
    durationQuestion('other.duration', 'How long have you had it?', {
      observation: true,
      code: intakeCode('concern-duration', 'Concern duration'),
    }),
  ],
  { enableWhen: [whenCoding('other-concern', OTHER_CONCERN.other)] },
);
