import type { CodeableConcept } from 'fhir/r4.js';

const SNOMED_SYSTEM = 'http://snomed.info/sct';

/**
 * Laterality as a qualifier on a SNOMED CT body-site CodeableConcept (the pattern mCODE's laterality-qualifier
 * extension uses; R5 moves it into BodyStructure.includedStructure.laterality). We keep the body structure as
 * the coding, so receivers that only match codes still find "forearm", and state the side both in this
 * extension and in the text, so a receiver that ignores extensions still reads "Left forearm". A
 * post-coordinated expression (`14975008:272741003=7771000`) also validates in R4 but few EHRs parse it.
 */
export const LATERALITY_EXTENSION_URL = 'https://dermis.dev/fhir/StructureDefinition/body-site-laterality';

export type Laterality = 'left' | 'right' | 'bilateral';

/** SNOMED CT laterality qualifiers (DESIGN.md field facts; bilateral from the FHIR bodysite-laterality set). */
export const LATERALITY_CODES = {
  left: { system: SNOMED_SYSTEM, code: '7771000', display: 'Left' },
  right: { system: SNOMED_SYSTEM, code: '24028007', display: 'Right' },
  bilateral: { system: SNOMED_SYSTEM, code: '51440002', display: 'Bilateral' },
} as const;

/** A body site as the photo step records it: a SNOMED CT body structure and, where it has sides, which. */
export interface BodySite {
  /** SNOMED CT body structure concept id. */
  code: string;
  /** Its display, e.g. "Forearm". */
  display: string;
  laterality?: Laterality;
}

/** SNOMED CT identifiers are 6–18 digits; anything else is not a concept id. */
const SCTID_PATTERN = /^[1-9]\d{5,17}$/;

export function isSnomedConceptId(code: string): boolean {
  return SCTID_PATTERN.test(code);
}

export function toBodySiteConcept(site: BodySite): CodeableConcept {
  if (!isSnomedConceptId(site.code)) throw new Error('A body site needs a SNOMED CT concept id.');
  const concept: CodeableConcept = {
    coding: [{ system: SNOMED_SYSTEM, code: site.code, display: site.display }],
    text: site.display,
  };
  if (site.laterality !== undefined) {
    const qualifier = LATERALITY_CODES[site.laterality];
    concept.extension = [{ url: LATERALITY_EXTENSION_URL, valueCodeableConcept: { coding: [qualifier] } }];
    concept.text = `${qualifier.display} ${site.display.toLowerCase()}`;
  }
  return concept;
}
