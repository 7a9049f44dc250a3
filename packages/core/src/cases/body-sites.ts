import { isSnomedConceptId, type Laterality } from '../fhir/body-site.ts';
import { SNOMED_SYSTEM } from '../intake/intake-codes.ts';

/**
 * The body sites a patient (or GP) can pick on the body map. Codes are SNOMED CT body structures where the
 * concept is certain; the rest are Dermis codes (never a guessed SNOMED id). A case stores the code, the
 * side and the label made here, never free text, so a body site carries no words of the patient's.
 */
export const DERMIS_BODY_SITE_SYSTEM = 'https://dermis.dev/fhir/CodeSystem/body-site';

export interface BodySiteDefinition {
  code: string;
  display: string;
  /** true where the site has a left and a right (laterality required); false for midline sites. */
  isLateral: boolean;
}

export const BODY_SITES: readonly BodySiteDefinition[] = [
  { code: '41695006', display: 'Scalp', isLateral: false },
  { code: '89545001', display: 'Face', isLateral: false },
  { code: '45048000', display: 'Neck', isLateral: false },
  { code: '51185008', display: 'Chest', isLateral: false },
  { code: '113345001', display: 'Abdomen', isLateral: false },
  { code: '77568009', display: 'Back', isLateral: false },
  { code: '46862004', display: 'Buttock', isLateral: true },
  { code: '40983000', display: 'Upper arm', isLateral: true },
  { code: '14975008', display: 'Forearm', isLateral: true },
  { code: '85562004', display: 'Hand', isLateral: true },
  { code: '7569003', display: 'Finger', isLateral: true },
  { code: '72651009', display: 'Nail', isLateral: true },
  { code: '68367000', display: 'Thigh', isLateral: true },
  { code: '30021000', display: 'Lower leg', isLateral: true },
  { code: '56459004', display: 'Foot', isLateral: true },
  { code: '29707007', display: 'Toe', isLateral: true },
  { code: 'genital-area', display: 'Genital area', isLateral: false },
  { code: 'other-site', display: 'Another part of the body', isLateral: false },
];

const BY_CODE = new Map(BODY_SITES.map((site) => [site.code, site]));

export function findBodySite(code: string): BodySiteDefinition | undefined {
  return BY_CODE.get(code);
}

export function bodySiteSystem(code: string): string {
  return isSnomedConceptId(code) ? SNOMED_SYSTEM : DERMIS_BODY_SITE_SYSTEM;
}

export type BodySiteProblem = 'BODY_SITE_UNKNOWN' | 'BODY_SITE_LATERALITY_INVALID' | 'BODY_SITE_DUPLICATE';

export interface BodySiteChoice {
  site: string;
  laterality?: Laterality | null;
}

/** Checks a picked list: known sites, a side exactly where the site has sides, no site twice. */
export function checkBodySites(choices: readonly BodySiteChoice[]): BodySiteProblem | null {
  const seen = new Set<string>();
  for (const choice of choices) {
    const site = findBodySite(choice.site);
    if (!site) return 'BODY_SITE_UNKNOWN';
    const hasSide = choice.laterality !== undefined && choice.laterality !== null;
    if (site.isLateral !== hasSide) return 'BODY_SITE_LATERALITY_INVALID';
    const key = `${choice.site}|${choice.laterality ?? ''}`;
    if (seen.has(key)) return 'BODY_SITE_DUPLICATE';
    seen.add(key);
  }
  return null;
}

const SIDE_LABEL: Record<Laterality, string> = { left: 'Left', right: 'Right', bilateral: 'Both sides:' };

/** "Left forearm", "Both sides: hand", "Scalp". */
export function bodySiteLabel(choice: BodySiteChoice): string {
  const site = findBodySite(choice.site);
  if (!site) throw new Error('unknown body site');
  if (!choice.laterality) return site.display;
  return `${SIDE_LABEL[choice.laterality]} ${site.display.toLowerCase()}`;
}
