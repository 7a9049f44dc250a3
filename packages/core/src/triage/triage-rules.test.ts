import { describe, expect, it } from 'vitest';
import {
  ACNE_SITES,
  CONCERN,
  GROWTH_RATE,
  HAIR_PATTERN,
  OTHER_CONCERN,
  RASH_DISTRIBUTION,
} from '../intake/intake-codes.ts';
import {
  acneAnswers,
  buildResponse,
  commonAnswers,
  hairAnswers,
  lesionAnswers,
  nailAnswers,
  type ResponseAnswers,
  rashAnswers,
} from '../intake/sample-responses.ts';
import { triageCase } from './triage-case.ts';
import { TRIAGE_RULE_IDS, type TriageRuleId } from './triage-rules.ts';

const AT = new Date('2025-06-10T09:30:00Z');
const yes = { valueBoolean: true };
const no = { valueBoolean: false };

/** A lesion that fires nothing: unchanged, no bleeding, no history, first noticed long ago. */
const quietLesion: ResponseAnswers = {
  ...commonAnswers,
  concern: { valueCoding: CONCERN.lesion },
  'lesion.onset': { valueDate: '2019-01-01' },
  'lesion.growth': { valueCoding: GROWTH_RATE[0] },
  'lesion.colour-change': no,
  'lesion.bleeding': no,
  'lesion.itching': no,
  'lesion.pain': no,
  'lesion.prior-biopsy': no,
  'lesion.melanoma-personal': no,
  'lesion.skin-cancer-personal': no,
  'lesion.melanoma-family': no,
  'lesion.skin-cancer-family': no,
  'lesion.topical-treatment': no,
};
const quietRash: ResponseAnswers = {
  ...rashAnswers,
  'rash.distribution': { valueCoding: RASH_DISTRIBUTION[0] },
  'rash.fever': no,
  'rash.mucosal': no,
  'rash.medication-change': no,
};
const quietNail: ResponseAnswers = { ...nailAnswers, 'nail.joint-pain': no };
const quietAcne: ResponseAnswers = {
  ...acneAnswers,
  'acne.sites': [{ valueCoding: ACNE_SITES[0] }],
  'acne.nodules': no,
  'acne.scarring': no,
  'acne.distress': no,
};

interface Row {
  name: string;
  rule: TriageRuleId;
  answers: ResponseAnswers;
  fired: boolean;
}

// One row per clinical situation; the name says why the rule should (not) fire.
const rows: Row[] = [
  {
    name: 'grows over days or weeks',
    rule: 'lesion-rapid-growth',
    answers: { ...quietLesion, 'lesion.growth': { valueCoding: GROWTH_RATE[2] } },
    fired: true,
  },
  {
    name: 'grows slowly over months is not rapid',
    rule: 'lesion-rapid-growth',
    answers: { ...quietLesion, 'lesion.growth': { valueCoding: GROWTH_RATE[1] } },
    fired: false,
  },
  {
    name: '"not sure" about growth is not rapid',
    rule: 'lesion-rapid-growth',
    answers: { ...quietLesion, 'lesion.growth': { valueCoding: GROWTH_RATE[3] } },
    fired: false,
  },
  {
    name: '7-point: size (2) + itch (1) = 3',
    rule: 'lesion-seven-point',
    answers: { ...quietLesion, 'lesion.growth': { valueCoding: GROWTH_RATE[1] }, 'lesion.itching': yes },
    fired: true,
  },
  {
    name: '7-point: colour (2) + bleeding (1) = 3',
    rule: 'lesion-seven-point',
    answers: { ...quietLesion, 'lesion.colour-change': yes, 'lesion.bleeding': yes, 'lesion.non-healing': no },
    fired: true,
  },
  {
    name: '7-point: colour alone (2) stays below 3',
    rule: 'lesion-seven-point',
    answers: { ...quietLesion, 'lesion.colour-change': yes },
    fired: false,
  },
  {
    name: '7-point: itch (1) + bleeding (1) = 2 stays below 3',
    rule: 'lesion-seven-point',
    answers: { ...quietLesion, 'lesion.itching': yes, 'lesion.bleeding': yes, 'lesion.non-healing': no },
    fired: false,
  },
  {
    name: 'colour changed',
    rule: 'lesion-colour-change',
    answers: { ...quietLesion, 'lesion.colour-change': yes },
    fired: true,
  },
  { name: 'colour unchanged', rule: 'lesion-colour-change', answers: quietLesion, fired: false },
  {
    name: 'bleeds or crusts',
    rule: 'lesion-bleeding',
    answers: { ...quietLesion, 'lesion.bleeding': yes, 'lesion.non-healing': no },
    fired: true,
  },
  { name: 'no bleeding', rule: 'lesion-bleeding', answers: quietLesion, fired: false },
  {
    name: 'crusted area unhealed over 4 weeks (patient says so)',
    rule: 'lesion-non-healing',
    answers: {
      ...quietLesion,
      'lesion.onset': { valueDate: '2025-06-01' },
      'lesion.bleeding': yes,
      'lesion.non-healing': yes,
    },
    fired: true,
  },
  {
    name: 'bleeding sore first noticed 3 weeks ago',
    rule: 'lesion-non-healing',
    answers: {
      ...quietLesion,
      'lesion.onset': { valueDate: '2025-05-20' },
      'lesion.bleeding': yes,
      'lesion.non-healing': no,
    },
    fired: true,
  },
  {
    name: 'bleeding sore first noticed 20 days ago is not yet 3 weeks',
    rule: 'lesion-non-healing',
    answers: {
      ...quietLesion,
      'lesion.onset': { valueDate: '2025-05-21' },
      'lesion.bleeding': yes,
      'lesion.non-healing': no,
    },
    fired: false,
  },
  {
    name: 'a month-only onset counts from its last day (2025-05 → 10 days)',
    rule: 'lesion-non-healing',
    answers: {
      ...quietLesion,
      'lesion.onset': { valueDate: '2025-05' },
      'lesion.bleeding': yes,
      'lesion.non-healing': no,
    },
    fired: false,
  },
  { name: 'old spot that does not bleed', rule: 'lesion-non-healing', answers: quietLesion, fired: false },
  {
    name: 'had melanoma before',
    rule: 'history-melanoma',
    answers: { ...quietLesion, 'lesion.melanoma-personal': yes },
    fired: true,
  },
  { name: 'never had melanoma', rule: 'history-melanoma', answers: quietLesion, fired: false },
  {
    name: 'transplant patient with a growing spot',
    rule: 'immunosuppressed-new-or-changing-lesion',
    answers: { ...quietLesion, 'immunosuppression.status': yes, 'lesion.growth': { valueCoding: GROWTH_RATE[1] } },
    fired: true,
  },
  {
    name: 'immunosuppressed with a spot first noticed 2 months ago',
    rule: 'immunosuppressed-new-or-changing-lesion',
    answers: { ...quietLesion, 'immunosuppression.status': yes, 'lesion.onset': { valueDate: '2025-04-10' } },
    fired: true,
  },
  {
    name: 'immunosuppressed with an old unchanged spot',
    rule: 'immunosuppressed-new-or-changing-lesion',
    answers: { ...quietLesion, 'immunosuppression.status': yes },
    fired: false,
  },
  {
    name: 'immunosuppressed with a rash (not a lesion)',
    rule: 'immunosuppressed-new-or-changing-lesion',
    answers: { ...quietRash, 'immunosuppression.status': yes },
    fired: false,
  },
  {
    name: 'not immunosuppressed, growing spot',
    rule: 'immunosuppressed-new-or-changing-lesion',
    answers: { ...quietLesion, 'lesion.growth': { valueCoding: GROWTH_RATE[2] } },
    fired: false,
  },
  {
    name: 'family melanoma and the mole changed colour',
    rule: 'family-melanoma-changing-lesion',
    answers: { ...quietLesion, 'lesion.melanoma-family': yes, 'lesion.colour-change': yes },
    fired: true,
  },
  {
    name: 'family melanoma, mole unchanged',
    rule: 'family-melanoma-changing-lesion',
    answers: { ...quietLesion, 'lesion.melanoma-family': yes },
    fired: false,
  },
  {
    name: 'had a basal cell carcinoma before',
    rule: 'history-skin-cancer',
    answers: { ...quietLesion, 'lesion.skin-cancer-personal': yes },
    fired: true,
  },
  {
    name: 'only family history of non-melanoma skin cancer',
    rule: 'history-skin-cancer',
    answers: { ...quietLesion, 'lesion.skin-cancer-family': yes },
    fired: false,
  },
  {
    name: 'localised rash with fever',
    rule: 'rash-with-fever',
    answers: { ...quietRash, 'rash.fever': yes },
    fired: true,
  },
  { name: 'rash without fever', rule: 'rash-with-fever', answers: quietRash, fired: false },
  {
    name: 'widespread rash with fever and mouth sores',
    rule: 'rash-blistering-or-mucosal',
    answers: { ...rashAnswers, 'rash.mucosal': yes },
    fired: true,
  },
  {
    name: 'widespread rash with fever, no blisters or mucosal sores',
    rule: 'rash-blistering-or-mucosal',
    answers: rashAnswers,
    fired: false,
  },
  {
    name: 'widespread rash after a new medicine',
    rule: 'rash-widespread-new-medicine',
    answers: {
      ...quietRash,
      'rash.distribution': { valueCoding: RASH_DISTRIBUTION[2] },
      'rash.medication-change': yes,
    },
    fired: true,
  },
  {
    name: 'localised rash after a new medicine',
    rule: 'rash-widespread-new-medicine',
    answers: { ...quietRash, 'rash.medication-change': yes },
    fired: false,
  },
  {
    name: 'widespread rash, no medicine change',
    rule: 'rash-widespread-new-medicine',
    answers: { ...quietRash, 'rash.distribution': { valueCoding: RASH_DISTRIBUTION[2] } },
    fired: false,
  },
  {
    name: 'nail stripe widening (Hutchinson sign)',
    rule: 'nail-spreading-dark-streak',
    answers: { ...quietNail, 'nail.dark-streak': yes, 'nail.streak-spreading': yes },
    fired: true,
  },
  {
    name: 'nail stripe not spreading',
    rule: 'nail-spreading-dark-streak',
    answers: { ...quietNail, 'nail.dark-streak': yes, 'nail.streak-spreading': no },
    fired: false,
  },
  {
    name: 'new dark nail stripe',
    rule: 'nail-new-dark-streak',
    answers: { ...quietNail, 'nail.dark-streak': yes, 'nail.streak-spreading': no },
    fired: true,
  },
  { name: 'no nail stripe', rule: 'nail-new-dark-streak', answers: quietNail, fired: false },
  { name: 'nail changes with joint pain', rule: 'nail-joint-symptoms', answers: nailAnswers, fired: true },
  { name: 'nail changes, no joint symptoms', rule: 'nail-joint-symptoms', answers: quietNail, fired: false },
  {
    name: 'nodular acne',
    rule: 'acne-specialist-features',
    answers: { ...quietAcne, 'acne.nodules': yes },
    fired: true,
  },
  {
    name: 'acne leaving scars',
    rule: 'acne-specialist-features',
    answers: { ...quietAcne, 'acne.scarring': yes },
    fired: true,
  },
  {
    name: 'acne with marked distress',
    rule: 'acne-specialist-features',
    answers: { ...quietAcne, 'acne.distress': yes },
    fired: true,
  },
  { name: 'mild acne', rule: 'acne-specialist-features', answers: quietAcne, fired: false },
  {
    name: 'patchy hair loss with a sore scalp',
    rule: 'hair-loss-scalp-inflammation',
    answers: { ...hairAnswers, 'hair.scalp-symptoms': yes },
    fired: true,
  },
  {
    name: 'diffuse thinning, calm scalp',
    rule: 'hair-loss-scalp-inflammation',
    answers: { ...hairAnswers, 'hair.pattern': { valueCoding: HAIR_PATTERN[1] } },
    fired: false,
  },
];

describe('triage rules', () => {
  it.each(rows)('$rule: $name → fired $fired', ({ rule, answers, fired }) => {
    expect(triageCase(buildResponse(answers), { at: AT }).firedRules.includes(rule)).toBe(fired);
  });

  it('every rule has a row where it fires and a row where it does not', () => {
    for (const id of TRIAGE_RULE_IDS) {
      expect(
        rows.some((r) => r.rule === id && r.fired),
        id,
      ).toBe(true);
      expect(
        rows.some((r) => r.rule === id && !r.fired),
        id,
      ).toBe(true);
    }
  });

  it('rule ids are unique', () => {
    expect(new Set(TRIAGE_RULE_IDS).size).toBe(TRIAGE_RULE_IDS.length);
  });
});

describe('triageCase priority', () => {
  it.each([
    { name: 'nothing fires: routine', answers: quietLesion, priority: 'routine', fired: [] },
    {
      name: 'only a soon rule: soon',
      answers: { ...quietLesion, 'lesion.skin-cancer-personal': yes },
      priority: 'soon',
      fired: ['history-skin-cancer'],
    },
    {
      name: 'an urgent rule wins over soon ones',
      answers: { ...quietLesion, 'lesion.skin-cancer-personal': yes, 'lesion.melanoma-personal': yes },
      priority: 'urgent',
      fired: ['history-melanoma', 'history-skin-cancer'],
    },
    {
      name: 'a concern outside lesion/rash with nothing alarming',
      answers: {
        ...commonAnswers,
        concern: { valueCoding: CONCERN.other },
        'other-concern': { valueCoding: OTHER_CONCERN.other },
      },
      priority: 'routine',
      fired: [],
    },
  ] as const)('$name', ({ answers, priority, fired }) => {
    expect(triageCase(buildResponse(answers), { at: AT })).toEqual({ priority, firedRules: fired });
  });

  it('the sample lesion (rapid growth, colour change, bleeding unhealed, immunosuppressed, family melanoma) fires all its rules in table order', () => {
    expect(triageCase(buildResponse(lesionAnswers), { at: AT })).toEqual({
      priority: 'urgent',
      firedRules: [
        'lesion-rapid-growth',
        'lesion-seven-point',
        'lesion-colour-change',
        'lesion-bleeding',
        'lesion-non-healing',
        'immunosuppressed-new-or-changing-lesion',
        'family-melanoma-changing-lesion',
      ],
    });
  });
});
