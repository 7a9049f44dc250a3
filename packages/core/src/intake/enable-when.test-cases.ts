import type { Questionnaire, QuestionnaireItemEnableWhen, QuestionnaireResponse } from 'fhir/r4.js';
import { RASH_DISTRIBUTION } from './intake-codes.ts';
import {
  acneAnswers,
  hairAnswers,
  lesionAnswers,
  nailAnswers,
  otherAnswers,
  type ResponseAnswers,
  rashAnswers,
} from './sample-responses.ts';

/**
 * Table rows shared by the enableWhen tests and the FHIRPath cross-check (a data module, not a test file, so
 * importing it does not run tests twice).
 */

const coding = (code: string) => ({ system: 'urn:test', code });

/** One question per answer type, and a target whose single enableWhen is the row's condition. */
export function operatorQuestionnaire(condition: QuestionnaireItemEnableWhen): Questionnaire {
  return {
    resourceType: 'Questionnaire',
    status: 'active',
    item: [
      { linkId: 'bool', type: 'boolean' },
      { linkId: 'int', type: 'integer' },
      { linkId: 'dec', type: 'decimal' },
      { linkId: 'date', type: 'date' },
      { linkId: 'str', type: 'string' },
      { linkId: 'choice', type: 'choice', repeats: true },
      { linkId: 'qty', type: 'quantity' },
      { linkId: 'target', type: 'string', enableWhen: [condition] },
    ],
  };
}

export const operatorResponse: QuestionnaireResponse = {
  resourceType: 'QuestionnaireResponse',
  status: 'completed',
  item: [
    { linkId: 'bool', answer: [{ valueBoolean: true }] },
    { linkId: 'int', answer: [{ valueInteger: 4 }] },
    { linkId: 'dec', answer: [{ valueDecimal: 37.5 }] },
    { linkId: 'date', answer: [{ valueDate: '2025-03-01' }] },
    { linkId: 'str', answer: [{ valueString: 'nickel' }] },
    { linkId: 'choice', answer: [{ valueCoding: coding('a') }, { valueCoding: coding('b') }] },
    { linkId: 'qty', answer: [{ valueQuantity: { value: 3, system: 'http://unitsofmeasure.org', code: 'wk' } }] },
  ],
};

const wk = (value: number) => ({ value, system: 'http://unitsofmeasure.org', code: 'wk' });

export const operatorRows: [string, QuestionnaireItemEnableWhen, boolean][] = [
  ['exists true on an answered question', { question: 'int', operator: 'exists', answerBoolean: true }, true],
  ['exists false on an answered question', { question: 'int', operator: 'exists', answerBoolean: false }, false],
  ['exists true on an unanswered question', { question: 'missing', operator: 'exists', answerBoolean: true }, false],
  ['exists false on an unanswered question', { question: 'missing', operator: 'exists', answerBoolean: false }, true],
  ['boolean =', { question: 'bool', operator: '=', answerBoolean: true }, true],
  ['boolean = false', { question: 'bool', operator: '=', answerBoolean: false }, false],
  ['boolean !=', { question: 'bool', operator: '!=', answerBoolean: false }, true],
  ['integer =', { question: 'int', operator: '=', answerInteger: 4 }, true],
  ['integer >', { question: 'int', operator: '>', answerInteger: 3 }, true],
  ['integer > equal value', { question: 'int', operator: '>', answerInteger: 4 }, false],
  ['integer >=', { question: 'int', operator: '>=', answerInteger: 4 }, true],
  ['integer <', { question: 'int', operator: '<', answerInteger: 4 }, false],
  ['integer <=', { question: 'int', operator: '<=', answerInteger: 4 }, true],
  ['decimal > (fever threshold)', { question: 'dec', operator: '>', answerDecimal: 37.4 }, true],
  ['decimal <', { question: 'dec', operator: '<', answerDecimal: 37.5 }, false],
  ['date <', { question: 'date', operator: '<', answerDate: '2025-04-01' }, true],
  ['date >=', { question: 'date', operator: '>=', answerDate: '2025-03-02' }, false],
  ['date before a later year (mixed precision)', { question: 'date', operator: '<', answerDate: '2026' }, true],
  ['date within the same month cannot be ordered', { question: 'date', operator: '<', answerDate: '2025-03' }, false],
  ['date = at another precision is unknown', { question: 'date', operator: '=', answerDate: '2025-03' }, false],
  ['string =', { question: 'str', operator: '=', answerString: 'nickel' }, true],
  ['string !=', { question: 'str', operator: '!=', answerString: 'nickel' }, false],
  ['coding = matches any of several answers', { question: 'choice', operator: '=', answerCoding: coding('b') }, true],
  [
    'coding = with another system',
    { question: 'choice', operator: '=', answerCoding: { system: 'x', code: 'b' } },
    false,
  ],
  ['coding != when one answer equals', { question: 'choice', operator: '!=', answerCoding: coding('a') }, false],
  ['coding != when none equals', { question: 'choice', operator: '!=', answerCoding: coding('z') }, true],
  ['!= on an unanswered question is true', { question: 'missing', operator: '!=', answerBoolean: true }, true],
  ['= on an unanswered question is false', { question: 'missing', operator: '=', answerBoolean: true }, false],
  ['quantity >', { question: 'qty', operator: '>', answerQuantity: wk(2) }, true],
  ['quantity <=', { question: 'qty', operator: '<=', answerQuantity: wk(2) }, false],
  ['quantity =', { question: 'qty', operator: '=', answerQuantity: wk(3) }, true],
  [
    'quantity in weeks against days',
    { question: 'qty', operator: '>', answerQuantity: { value: 20, code: 'd' } },
    true,
  ],
  ['quantity 3 wk = 21 d', { question: 'qty', operator: '=', answerQuantity: { value: 21, code: 'd' } }, true],
  [
    'quantity in weeks against months',
    { question: 'qty', operator: '>=', answerQuantity: { value: 1, code: 'mo' } },
    false,
  ],
  [
    'quantity in a non-time unit cannot be compared',
    { question: 'qty', operator: '>', answerQuantity: { value: 1, code: 'mg' } },
    false,
  ],
  ['a value of another type never matches', { question: 'int', operator: '=', answerString: '4' }, false],
];

/** A chain a → b → c and a group gated on a: answers to disabled items must count as unanswered. */
export const chainQuestionnaire: Questionnaire = {
  resourceType: 'Questionnaire',
  status: 'active',
  item: [
    { linkId: 'a', type: 'boolean' },
    { linkId: 'b', type: 'boolean', enableWhen: [{ question: 'a', operator: '=', answerBoolean: true }] },
    { linkId: 'c', type: 'boolean', enableWhen: [{ question: 'b', operator: 'exists', answerBoolean: true }] },
    { linkId: 'd', type: 'boolean', enableWhen: [{ question: 'b', operator: '!=', answerBoolean: true }] },
    {
      linkId: 'g',
      type: 'group',
      enableWhen: [{ question: 'a', operator: '=', answerBoolean: true }],
      item: [{ linkId: 'g.child', type: 'boolean' }],
    },
    { linkId: 'e', type: 'boolean', enableWhen: [{ question: 'g.child', operator: '=', answerBoolean: true }] },
  ],
};

export const chainAnswers: [string, ResponseAnswers][] = [
  [
    'a yes: b, c, the group and e follow',
    { a: { valueBoolean: true }, b: { valueBoolean: true }, 'g.child': { valueBoolean: true } },
  ],
  [
    'a no: answers to b and the group are ignored',
    { a: { valueBoolean: false }, b: { valueBoolean: true }, 'g.child': { valueBoolean: true } },
  ],
  ['nothing answered', {}],
];

const with_ = (base: ResponseAnswers, changes: ResponseAnswers) => ({ ...base, ...changes });

/** One row per clinical branch: [reason, answers, linkId, enabled]. */
export const branchRows: [string, ResponseAnswers, string, boolean][] = [
  ['a lesion asks the growth rate', lesionAnswers, 'lesion.growth', true],
  ['a lesion asks the onset date', lesionAnswers, 'lesion.onset', true],
  ['a lesion asks about melanoma in the family', lesionAnswers, 'lesion.melanoma-family', true],
  ['a lesion asks about current topical treatment', lesionAnswers, 'lesion.topical-treatment', true],
  ['a rash does not ask the growth rate', rashAnswers, 'lesion.growth', false],
  ['a rash asks the distribution', rashAnswers, 'rash.distribution', true],
  ['a rash asks about fever', rashAnswers, 'rash.fever', true],
  ['a rash asks about recent medication changes', rashAnswers, 'rash.medication-change', true],
  ['a lesion does not ask about rash fever', lesionAnswers, 'rash.fever', false],
  ['a bleeding lesion asks whether it has healed', lesionAnswers, 'lesion.non-healing', true],
  [
    'a lesion that does not bleed does not ask about healing',
    with_(lesionAnswers, { 'lesion.bleeding': { valueBoolean: false } }),
    'lesion.non-healing',
    false,
  ],
  ['a widespread rash with fever asks about blisters and mucosa', rashAnswers, 'rash.mucosal', true],
  [
    'a localised rash with fever does not ask about mucosa (all)',
    with_(rashAnswers, { 'rash.distribution': { valueCoding: RASH_DISTRIBUTION[0] } }),
    'rash.mucosal',
    false,
  ],
  [
    'a widespread rash without fever does not ask about mucosa (all)',
    with_(rashAnswers, { 'rash.fever': { valueBoolean: false } }),
    'rash.mucosal',
    false,
  ],
  ['a medication change asks its date', rashAnswers, 'rash.medication-change-date', true],
  [
    'no medication change, no date',
    with_(rashAnswers, { 'rash.medication-change': { valueBoolean: false } }),
    'rash.medication-change-date',
    false,
  ],
  ['no allergen exposure, no allergen type', rashAnswers, 'rash.allergen-type', false],
  ['a lesion asks sun exposure (any)', lesionAnswers, 'sun.blistering-sunburn', true],
  ['a rash asks sun exposure (any)', rashAnswers, 'sun.outdoor', true],
  ['acne does not ask sun exposure', acneAnswers, 'sun', false],
  ['"other" asks which other concern', acneAnswers, 'other-concern', true],
  ['a lesion does not ask which other concern', lesionAnswers, 'other-concern', false],
  ['acne asks about scarring', acneAnswers, 'acne.scarring', true],
  ['hair does not ask about acne scarring', hairAnswers, 'acne.scarring', false],
  ['hair asks the pattern of loss', hairAnswers, 'hair.pattern', true],
  ['a nail concern asks about a dark streak', nailAnswers, 'nail.dark-streak', true],
  ['no dark streak, no question about it spreading', nailAnswers, 'nail.streak-spreading', false],
  ['four nails affected asks about joints (>= 2, any)', nailAnswers, 'nail.joint-pain', true],
  [
    'one nail and no skin plaques does not ask about joints',
    with_(nailAnswers, { 'nail.count': { valueInteger: 1 } }),
    'nail.joint-pain',
    false,
  ],
  [
    'one nail with skin plaques asks about joints (any)',
    with_(nailAnswers, { 'nail.count': { valueInteger: 1 }, 'nail.skin-elsewhere': { valueBoolean: true } }),
    'nail.joint-pain',
    true,
  ],
  ['something else asks only how long', otherAnswers, 'other.duration', true],
  ['Fitzpatrick is asked for every concern', hairAnswers, 'fitzpatrick', true],
  ['immunosuppression is asked for every concern', nailAnswers, 'immunosuppression.status', true],
  ['immunosuppressed asks why', lesionAnswers, 'immunosuppression.reason', true],
  ['not immunosuppressed does not ask why', rashAnswers, 'immunosuppression.reason', false],
  ['no medicines, no medicine list', rashAnswers, 'medication', false],
  ['medicines asks for the list', lesionAnswers, 'medication.duration', true],
  ['no allergies, no allergy list', rashAnswers, 'allergy.substance', false],
  ['allergies asks for the list', lesionAnswers, 'allergy.reaction', true],
  [
    'a rash answer left behind after switching to lesion stays disabled',
    with_(lesionAnswers, {
      'rash.fever': { valueBoolean: true },
      'rash.distribution': rashAnswers['rash.distribution']!,
    }),
    'rash.mucosal',
    false,
  ],
];
