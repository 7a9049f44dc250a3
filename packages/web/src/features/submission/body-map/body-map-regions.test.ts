import { BODY_SITES, findBodySite } from '@dermis/core';
import { describe, expect, it } from 'vitest';
import { BODY_MAP_REGIONS, BODY_MAP_VIEWS, type BodyMapRegion, personSideOf } from './body-map-regions.ts';
import { FIGURE_WIDTH } from './body-map-shapes.ts';

/** The points of a region as drawn on screen (mirrored ones flipped about the midline). */
function drawnPoints(region: BodyMapRegion): { x: number; y: number }[] {
  const numbers = (region.shape.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  const points = [];
  for (let i = 0; i < numbers.length; i += 2) {
    const x = numbers[i] as number;
    points.push({ x: region.isMirrored ? FIGURE_WIDTH - x : x, y: numbers[i + 1] as number });
  }
  return points;
}

const MIDLINE_X = FIGURE_WIDTH / 2;
const LIST_ONLY = ['7569003', '72651009', '29707007', 'other-site']; // finger, nail, toe, another part

describe('body map regions', () => {
  it.each(BODY_MAP_REGIONS.map((r) => [r.id, r] as const))(
    '%s is a catalogue site, with a side exactly when the site has sides',
    (_id, region) => {
      const site = findBodySite(region.site);
      expect(site).toBeDefined();
      expect(region.laterality !== null).toBe(site?.isLateral);
    },
  );

  it('no view has the same site and side twice', () => {
    const keys = BODY_MAP_REGIONS.map((r) => `${r.view}|${r.site}|${r.laterality}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(BODY_MAP_REGIONS.map((r) => r.id)).size).toBe(BODY_MAP_REGIONS.length);
  });

  it.each(BODY_MAP_VIEWS)('in the %s view every paired site is drawn on both sides', (view) => {
    const inView = BODY_MAP_REGIONS.filter((r) => r.view === view && r.laterality !== null);
    for (const region of inView) {
      const other = region.laterality === 'left' ? 'right' : 'left';
      expect(inView.some((r) => r.site === region.site && r.laterality === other)).toBe(true);
    }
  });

  it('every catalogue site is on the map, apart from the small parts chosen from the list', () => {
    const onMap = new Set(BODY_MAP_REGIONS.map((r) => r.site));
    const missing = BODY_SITES.map((s) => s.code).filter((code) => !onMap.has(code));
    expect(missing.sort()).toEqual([...LIST_ONLY].sort());
  });

  it("facing the viewer (front) the person's left is on the viewer's right; from the back, on the viewer's left", () => {
    expect(personSideOf('front', true)).toBe('left');
    expect(personSideOf('front', false)).toBe('right');
    expect(personSideOf('back', true)).toBe('right');
    expect(personSideOf('back', false)).toBe('left');
    for (const region of BODY_MAP_REGIONS.filter((r) => r.laterality !== null)) {
      const isOnViewersRight = drawnPoints(region).every((p) => p.x >= MIDLINE_X);
      const isOnViewersLeft = drawnPoints(region).every((p) => p.x <= MIDLINE_X);
      const expectRight = (region.view === 'front') === (region.laterality === 'left');
      expect({ id: region.id, right: isOnViewersRight, left: isOnViewersLeft }).toEqual({
        id: region.id,
        right: expectRight,
        left: !expectRight,
      });
    }
  });

  it('midline sites straddle the midline', () => {
    for (const region of BODY_MAP_REGIONS.filter((r) => r.laterality === null)) {
      const xs = drawnPoints(region).map((p) => p.x);
      expect({ id: region.id, straddles: Math.min(...xs) < MIDLINE_X && Math.max(...xs) > MIDLINE_X }).toEqual({
        id: region.id,
        straddles: true,
      });
    }
  });

  // The figure is shown at least at its own size on a phone, so 22 units stay a finger-sized target.
  it('no region is narrower or shorter than 22 units', () => {
    for (const region of BODY_MAP_REGIONS) {
      const points = drawnPoints(region);
      const width = Math.max(...points.map((p) => p.x)) - Math.min(...points.map((p) => p.x));
      const height = Math.max(...points.map((p) => p.y)) - Math.min(...points.map((p) => p.y));
      expect({ id: region.id, isBigEnough: width >= 22 && height >= 22 }).toEqual({ id: region.id, isBigEnough: true });
    }
  });
});
