import { BODY_SITES, type BodySiteDefinition } from '@dermis/core';

/** The body-site catalogue (core) grouped by region for the picker; a site no region names goes to "other". */
export type BodyRegion = 'head' | 'trunk' | 'arms' | 'legs' | 'other';

const REGION_OF: Record<string, BodyRegion> = {
  '41695006': 'head',
  '89545001': 'head',
  '45048000': 'head',
  '51185008': 'trunk',
  '113345001': 'trunk',
  '77568009': 'trunk',
  '46862004': 'trunk',
  'genital-area': 'trunk',
  '40983000': 'arms',
  '14975008': 'arms',
  '85562004': 'arms',
  '7569003': 'arms',
  '72651009': 'arms',
  '68367000': 'legs',
  '30021000': 'legs',
  '56459004': 'legs',
  '29707007': 'legs',
};
export const BODY_REGIONS: readonly BodyRegion[] = ['head', 'trunk', 'arms', 'legs', 'other'];

/** Lower case without accents, so "cara" finds "Cara" and "pie" finds "Pié". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

export interface RegionSites {
  region: BodyRegion;
  sites: BodySiteDefinition[];
}

/** Sites by region whose name (in the reader's language) contains the search text; empty regions dropped. */
export function groupBodySites(search: string, label: (code: string) => string): RegionSites[] {
  const wanted = fold(search);
  return BODY_REGIONS.map((region) => ({
    region,
    sites: BODY_SITES.filter(
      (site) =>
        (REGION_OF[site.code] ?? 'other') === region && (wanted === '' || fold(label(site.code)).includes(wanted)),
    ),
  })).filter((group) => group.sites.length > 0);
}
