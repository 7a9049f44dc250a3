/**
 * The chosen body sites as one list (the case's, saved on the server): the body map and the list controls both
 * read it and both change it through these functions, so the two never disagree.
 */
export type Laterality = 'left' | 'right' | 'bilateral';

export interface BodySiteChoice {
  site: string;
  laterality: Laterality | null;
}

/** One place as the body map shows it: a site on one side of the person, or a midline site. */
export interface SiteOnSide {
  site: string;
  laterality: 'left' | 'right' | null;
}

const OTHER_SIDE = { left: 'right', right: 'left' } as const;

export function isSameChoice(a: BodySiteChoice, b: BodySiteChoice): boolean {
  return a.site === b.site && a.laterality === b.laterality;
}

/** Shown as chosen when the site is chosen on that side, or on both sides. */
export function isSideChosen(chosen: readonly BodySiteChoice[], place: SiteOnSide): boolean {
  return chosen.some(
    (c) =>
      c.site === place.site &&
      (c.laterality === place.laterality || (place.laterality && c.laterality === 'bilateral')),
  );
}

/**
 * Adds the place, or takes it away when it is chosen. Taking one side away from a site chosen on both sides
 * keeps the other side, in the same position in the list.
 */
export function toggleSide(chosen: readonly BodySiteChoice[], place: SiteOnSide): BodySiteChoice[] {
  const exact = chosen.findIndex((c) => isSameChoice(c, place));
  if (exact >= 0) return chosen.filter((_, i) => i !== exact);
  const side = place.laterality;
  if (side) {
    const both = chosen.findIndex((c) => c.site === place.site && c.laterality === 'bilateral');
    if (both >= 0) return chosen.map((c, i) => (i === both ? { site: c.site, laterality: OTHER_SIDE[side] } : c));
  }
  return [...chosen, { site: place.site, laterality: side }];
}
