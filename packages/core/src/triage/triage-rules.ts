import { CONCERN, GROWTH_RATE, RASH_DISTRIBUTION } from '../intake/intake-codes.ts';
import { daysSince, type TriageAnswers } from './triage-answers.ts';

/**
 * The red-flag rules, in one place (DESIGN.md flow 2). Each reads the intake QuestionnaireResponse by linkId
 * (stable across intake versions) and names what it read. The reason text is for people reading the code and
 * the API; the web app shows its own en/es text per rule id. Sources: triage-rules.md.
 */
export type TriagePriority = 'urgent' | 'soon' | 'routine';
export const TRIAGE_PRIORITIES: readonly TriagePriority[] = ['urgent', 'soon', 'routine'];

export interface TriageContext {
  /** When the information was given (submission time): onset dates are measured to it. */
  at: Date;
}

export interface TriageRule {
  id: string;
  priority: Exclude<TriagePriority, 'routine'>;
  reason: string;
  /** The intake linkIds the rule reads. */
  reads: readonly string[];
  isFired(answers: TriageAnswers, context: TriageContext): boolean;
}

const code = (coding: { code?: string }) => String(coding.code);
const GROWTH_RAPID = code(GROWTH_RATE[2]);
const GROWTH_SLOW = code(GROWTH_RATE[1]);
const WIDESPREAD = code(RASH_DISTRIBUTION[2]);

const isLesion = (a: TriageAnswers) => a.hasCode('concern', code(CONCERN.lesion));
const hasGrown = (a: TriageAnswers) =>
  a.hasCode('lesion.growth', GROWTH_RAPID) || a.hasCode('lesion.growth', GROWTH_SLOW);
const isChanging = (a: TriageAnswers) => hasGrown(a) || a.isTrue('lesion.colour-change');
const onsetDays = (a: TriageAnswers, at: Date) => {
  const onset = a.date('lesion.onset');
  return onset === undefined ? undefined : daysSince(onset, at);
};

/** NICE NG12 weighted 7-point checklist, from the items the intake asks (shape, diameter, inflammation are not). */
export function sevenPointScore(a: TriageAnswers): number {
  return (
    (hasGrown(a) ? 2 : 0) +
    (a.isTrue('lesion.colour-change') ? 2 : 0) +
    (a.isTrue('lesion.itching') ? 1 : 0) +
    (a.isTrue('lesion.bleeding') ? 1 : 0)
  );
}

export const TRIAGE_RULES = [
  {
    id: 'lesion-rapid-growth',
    priority: 'urgent',
    reason: 'The spot is growing quickly, over days or weeks.',
    reads: ['lesion.growth'],
    isFired: (a) => a.hasCode('lesion.growth', GROWTH_RAPID),
  },
  {
    id: 'lesion-seven-point',
    priority: 'urgent',
    reason: 'Changing spot: weighted 7-point checklist score of 3 or more (size, colour, itch, bleeding).',
    reads: ['lesion.growth', 'lesion.colour-change', 'lesion.itching', 'lesion.bleeding'],
    isFired: (a) => isLesion(a) && sevenPointScore(a) >= 3,
  },
  {
    id: 'lesion-colour-change',
    priority: 'soon',
    reason: 'The spot has changed colour.',
    reads: ['lesion.colour-change'],
    isFired: (a) => a.isTrue('lesion.colour-change'),
  },
  {
    id: 'lesion-bleeding',
    priority: 'urgent',
    reason: 'The spot bleeds or crusts (possible ulceration).',
    reads: ['lesion.bleeding'],
    isFired: (a) => a.isTrue('lesion.bleeding'),
  },
  {
    id: 'lesion-non-healing',
    priority: 'urgent',
    reason: 'A bleeding or crusted sore that has not healed for 3 weeks or more.',
    reads: ['lesion.bleeding', 'lesion.non-healing', 'lesion.onset'],
    isFired: (a, { at }) =>
      a.isTrue('lesion.non-healing') || (a.isTrue('lesion.bleeding') && (onsetDays(a, at) ?? 0) >= 21),
  },
  {
    id: 'history-melanoma',
    priority: 'urgent',
    reason: 'Has had melanoma before and has a spot to check.',
    reads: ['lesion.melanoma-personal'],
    isFired: (a) => a.isTrue('lesion.melanoma-personal'),
  },
  {
    id: 'immunosuppressed-new-or-changing-lesion',
    priority: 'urgent',
    reason: 'Weakened immune system with a new (under 3 months) or changing spot.',
    reads: [
      'immunosuppression.status',
      'concern',
      'lesion.onset',
      'lesion.growth',
      'lesion.colour-change',
      'lesion.bleeding',
    ],
    isFired: (a, { at }) => {
      if (!a.isTrue('immunosuppression.status') || !isLesion(a)) return false;
      const days = onsetDays(a, at);
      return isChanging(a) || a.isTrue('lesion.bleeding') || (days !== undefined && days <= 90);
    },
  },
  {
    id: 'family-melanoma-changing-lesion',
    priority: 'soon',
    reason: 'A parent, sibling or child had melanoma, and the spot is changing.',
    reads: ['lesion.melanoma-family', 'lesion.growth', 'lesion.colour-change'],
    isFired: (a) => a.isTrue('lesion.melanoma-family') && isChanging(a),
  },
  {
    id: 'history-skin-cancer',
    priority: 'soon',
    reason: 'Has had another skin cancer (basal or squamous cell) before.',
    reads: ['lesion.skin-cancer-personal'],
    isFired: (a) => a.isTrue('lesion.skin-cancer-personal'),
  },
  {
    id: 'rash-with-fever',
    priority: 'urgent',
    reason: 'Rash with fever.',
    reads: ['rash.fever'],
    isFired: (a) => a.isTrue('rash.fever'),
  },
  {
    id: 'rash-blistering-or-mucosal',
    priority: 'urgent',
    reason: 'Widespread rash with blisters, peeling skin, or sores in the mouth, eyes or genitals.',
    reads: ['rash.mucosal'],
    isFired: (a) => a.isTrue('rash.mucosal'),
  },
  {
    id: 'rash-widespread-new-medicine',
    priority: 'soon',
    reason: 'Widespread rash after a medicine was started or changed in the last 8 weeks.',
    reads: ['rash.distribution', 'rash.medication-change'],
    isFired: (a) => a.hasCode('rash.distribution', WIDESPREAD) && a.isTrue('rash.medication-change'),
  },
  {
    id: 'nail-spreading-dark-streak',
    priority: 'urgent',
    reason: 'A dark nail stripe that is widening or spreading onto the skin.',
    reads: ['nail.streak-spreading'],
    isFired: (a) => a.isTrue('nail.streak-spreading'),
  },
  {
    id: 'nail-new-dark-streak',
    priority: 'soon',
    reason: 'A new dark stripe in a nail.',
    reads: ['nail.dark-streak'],
    isFired: (a) => a.isTrue('nail.dark-streak'),
  },
  {
    id: 'nail-joint-symptoms',
    priority: 'soon',
    reason: 'Nail changes with joint pain, swelling or stiffness (possible psoriatic arthritis).',
    reads: ['nail.joint-pain'],
    isFired: (a) => a.isTrue('nail.joint-pain'),
  },
  {
    id: 'acne-specialist-features',
    priority: 'soon',
    reason: 'Acne with deep painful lumps, scarring, lasting dark marks or marked distress.',
    reads: ['acne.nodules', 'acne.scarring', 'acne.pigmentation', 'acne.distress'],
    isFired: (a) =>
      a.isTrue('acne.nodules') ||
      a.isTrue('acne.scarring') ||
      a.isTrue('acne.pigmentation') ||
      a.isTrue('acne.distress'),
  },
  {
    id: 'hair-loss-scalp-inflammation',
    priority: 'soon',
    reason: 'Hair loss with an itchy, scaly, sore or red scalp (possible scarring hair loss).',
    reads: ['hair.scalp-symptoms'],
    isFired: (a) => a.isTrue('hair.scalp-symptoms'),
  },
] as const satisfies readonly TriageRule[];

export type TriageRuleId = (typeof TRIAGE_RULES)[number]['id'];
export const TRIAGE_RULE_IDS: readonly TriageRuleId[] = TRIAGE_RULES.map((rule) => rule.id);
