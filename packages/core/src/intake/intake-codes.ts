import type { Coding } from 'fhir/r4.js';

/**
 * Code systems and answer codes used by the Dermis intake, in one place.
 * SNOMED CT and LOINC codes appear only where the code is well established (DESIGN.md "Field facts"
 * and common clinical use); everything else is a Dermis code in INTAKE_SYSTEM, never an invented
 * SNOMED/LOINC code.
 */
export const INTAKE_SYSTEM = 'https://dermis.dev/fhir/CodeSystem/intake';
export const LOINC_SYSTEM = 'http://loinc.org';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

/** LOINC 66555-4 Fitzpatrick skin type (DESIGN.md field facts). */
export const FITZPATRICK_LOINC: Coding = { system: LOINC_SYSTEM, code: '66555-4', display: 'Fitzpatrick skin type' };

/** SNOMED CT findings used as question codes (the answer says whether the finding is present). */
export const SNOMED_FINDINGS = {
  itching: { system: SNOMED_SYSTEM, code: '418290006', display: 'Itching' },
  pain: { system: SNOMED_SYSTEM, code: '22253000', display: 'Pain' },
  fever: { system: SNOMED_SYSTEM, code: '386661006', display: 'Fever' },
} as const satisfies Record<string, Coding>;

/** A Dermis intake code. */
export function intakeCode(code: string, display: string): Coding {
  return { system: INTAKE_SYSTEM, code, display };
}

export function ucumUnit(code: string, display: string): Coding {
  return { system: UCUM_SYSTEM, code, display };
}

export const CONCERN = {
  lesion: intakeCode('lesion', 'Lesion or mole'),
  rash: intakeCode('rash', 'Rash'),
  other: intakeCode('other', 'Another skin, hair or nail concern'),
} as const;

export const OTHER_CONCERN = {
  acne: intakeCode('acne', 'Acne'),
  hair: intakeCode('hair', 'Hair or scalp'),
  nail: intakeCode('nail', 'Nail'),
  other: intakeCode('other-concern', 'Something else'),
} as const;

/** Fitzpatrick I–VI. Dermis codes until LOINC answer-list codes are confirmed; never guessed. */
export const FITZPATRICK_TYPES = [
  intakeCode('fitzpatrick-1', 'Type I: always burns, never tans'),
  intakeCode('fitzpatrick-2', 'Type II: usually burns, tans minimally'),
  intakeCode('fitzpatrick-3', 'Type III: sometimes burns mildly, tans gradually'),
  intakeCode('fitzpatrick-4', 'Type IV: burns minimally, always tans well'),
  intakeCode('fitzpatrick-5', 'Type V: very rarely burns, tans very easily'),
  intakeCode('fitzpatrick-6', 'Type VI: never burns'),
] as const;

export const GROWTH_RATE = [
  intakeCode('growth-none', 'Not changed in size'),
  intakeCode('growth-slow', 'Growing slowly, over months'),
  intakeCode('growth-rapid', 'Growing quickly, over days or weeks'),
  intakeCode('growth-unsure', 'Not sure'),
] as const;

export const RASH_DISTRIBUTION = [
  intakeCode('distribution-localised', 'In one area'),
  intakeCode('distribution-several', 'In several separate areas'),
  intakeCode('distribution-widespread', 'Over much of the body'),
] as const;

export const RASH_PATTERN = [
  intakeCode('pattern-symmetrical', 'The same on both sides of the body'),
  intakeCode('pattern-flexural', 'In skin folds (inner elbows, behind knees, armpits, groin)'),
  intakeCode('pattern-extensor', 'On the outer elbows or knees'),
  intakeCode('pattern-sun-exposed', 'Only where the sun reaches (face, neck, backs of hands)'),
  intakeCode('pattern-band', 'In a band on one side of the body'),
] as const;

export const ALLERGEN_EXPOSURE = [
  intakeCode('exposure-skin-product', 'New soap, detergent, cosmetic or skin product'),
  intakeCode('exposure-plant', 'Plants'),
  intakeCode('exposure-metal', 'Metal or jewellery'),
  intakeCode('exposure-latex', 'Latex or rubber'),
  intakeCode('exposure-food', 'A new food'),
  intakeCode('exposure-animal', 'Animals'),
  intakeCode('exposure-work', 'Something at work'),
] as const;

export const ACNE_SITES = [
  intakeCode('site-face', 'Face'),
  intakeCode('site-chest', 'Chest'),
  intakeCode('site-back', 'Back'),
] as const;

export const HAIR_PATTERN = [
  intakeCode('hair-patchy', 'Round or patchy bald areas'),
  intakeCode('hair-diffuse', 'Thinning all over'),
  intakeCode('hair-pattern', 'Receding hairline or thinning on the crown'),
  intakeCode('hair-breakage', 'Hair breaking off'),
] as const;

export const NAIL_LOCATION = [
  intakeCode('nail-fingers', 'Fingernails'),
  intakeCode('nail-toes', 'Toenails'),
  intakeCode('nail-both', 'Both'),
] as const;

export const IMMUNOSUPPRESSION_REASON = [
  intakeCode('immunosuppression-transplant', 'Organ or bone marrow transplant'),
  intakeCode('immunosuppression-medication', 'Medicine that weakens the immune system'),
  intakeCode('immunosuppression-condition', 'A condition that weakens the immune system'),
] as const;

export const MEDICATION_TYPE = {
  prescription: intakeCode('medication-prescription', 'Prescription medicine'),
  otcTopical: intakeCode('medication-otc-topical', 'Over-the-counter cream, ointment or lotion'),
  otcOral: intakeCode('medication-otc-oral', 'Over-the-counter tablet or liquid'),
} as const;

export const MEDICATION_ROUTE = [
  intakeCode('route-topical', 'On the skin'),
  intakeCode('route-oral', 'By mouth'),
  intakeCode('route-other', 'Another way (injection, inhaler, drops)'),
] as const;

export const TREATMENT_EFFECT = [
  intakeCode('effect-better', 'Better'),
  intakeCode('effect-same', 'No change'),
  intakeCode('effect-worse', 'Worse'),
] as const;

/** FHIR AllergyIntolerance.category codes, so the answer maps onto the resource without translation. */
export const ALLERGY_CATEGORY_SYSTEM = 'http://hl7.org/fhir/allergy-intolerance-category';
export const ALLERGY_CATEGORY = [
  { system: ALLERGY_CATEGORY_SYSTEM, code: 'medication', display: 'Medicine' },
  { system: ALLERGY_CATEGORY_SYSTEM, code: 'food', display: 'Food' },
  { system: ALLERGY_CATEGORY_SYSTEM, code: 'environment', display: 'Something else (plants, animals, metals, latex)' },
] as const satisfies readonly Coding[];

export const ALLERGY_REACTION = [
  intakeCode('reaction-rash', 'Rash or hives'),
  intakeCode('reaction-swelling', 'Swelling of the face, lips or tongue'),
  intakeCode('reaction-breathing', 'Trouble breathing'),
  intakeCode('reaction-anaphylaxis', 'Anaphylaxis (needed adrenaline or emergency care)'),
  intakeCode('reaction-stomach', 'Vomiting or diarrhoea'),
  intakeCode('reaction-other', 'Another reaction'),
] as const;

/** UCUM time units offered for every duration answer. */
export const DURATION_UNITS = [
  ucumUnit('d', 'days'),
  ucumUnit('wk', 'weeks'),
  ucumUnit('mo', 'months'),
  ucumUnit('a', 'years'),
] as const;
