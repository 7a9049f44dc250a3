import { describe, expect, it } from 'vitest';
import { isSnomedConceptId } from '../fhir/body-site.ts';
import { BODY_SITES, bodySiteLabel, bodySiteSystem, checkBodySites, DERMIS_BODY_SITE_SYSTEM } from './body-sites.ts';

describe('body sites', () => {
  it.each([
    ['a lateral site with a side', [{ site: '14975008', laterality: 'left' }], null],
    ['a midline site without a side', [{ site: '41695006' }], null],
    ['a midline site with null laterality', [{ site: '41695006', laterality: null }], null],
    [
      'both forearms as two sites',
      [
        { site: '14975008', laterality: 'left' },
        { site: '14975008', laterality: 'right' },
      ],
      null,
    ],
    ['an unknown code', [{ site: '123456789' }], 'BODY_SITE_UNKNOWN'],
    ['a forearm without a side', [{ site: '14975008' }], 'BODY_SITE_LATERALITY_INVALID'],
    ['a scalp with a side', [{ site: '41695006', laterality: 'left' }], 'BODY_SITE_LATERALITY_INVALID'],
    ['the same site twice', [{ site: '89545001' }, { site: '89545001' }], 'BODY_SITE_DUPLICATE'],
  ] as const)('%s → %s', (_name, choices, expected) => {
    expect(checkBodySites(choices)).toBe(expected);
  });

  it('labels come from the catalogue, with the side', () => {
    expect(bodySiteLabel({ site: '14975008', laterality: 'left' })).toBe('Left forearm');
    expect(bodySiteLabel({ site: '85562004', laterality: 'bilateral' })).toBe('Both sides: hand');
    expect(bodySiteLabel({ site: '41695006' })).toBe('Scalp');
  });

  it('codes are unique; numeric codes are SNOMED CT ids, the rest Dermis codes', () => {
    expect(new Set(BODY_SITES.map((s) => s.code)).size).toBe(BODY_SITES.length);
    for (const site of BODY_SITES) {
      if (/^\d+$/.test(site.code)) expect(isSnomedConceptId(site.code), site.code).toBe(true);
      else expect(bodySiteSystem(site.code)).toBe(DERMIS_BODY_SITE_SYSTEM);
    }
  });
});
