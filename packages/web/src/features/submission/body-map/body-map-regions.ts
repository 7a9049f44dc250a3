import { SHAPES, type ShapeName } from './body-map-shapes.ts';
import type { SiteOnSide } from './body-site-selection.ts';

/**
 * What each clickable region of the body map means: a code of the body-site catalogue (core) and, for sites
 * with sides, the person's side. Small parts the map cannot show at a usable size (finger, nail, toe) and
 * "another part of the body" are chosen from the list only.
 */
export type BodyMapView = 'front' | 'back';
export const BODY_MAP_VIEWS: readonly BodyMapView[] = ['front', 'back'];

export interface BodyMapRegion extends SiteOnSide {
  id: string;
  view: BodyMapView;
  /** SVG path data, drawn on the viewer's left half of the figure (or across the midline). */
  shape: string;
  /** Drawn mirrored, on the viewer's right half. */
  isMirrored: boolean;
}

const SITE = {
  scalp: '41695006',
  face: '89545001',
  neck: '45048000',
  chest: '51185008',
  abdomen: '113345001',
  back: '77568009',
  buttock: '46862004',
  upperArm: '40983000',
  forearm: '14975008',
  hand: '85562004',
  thigh: '68367000',
  lowerLeg: '30021000',
  foot: '56459004',
  genitalArea: 'genital-area',
} as const;

type Part = [site: keyof typeof SITE, shape: ShapeName];

const MIDLINE: Record<BodyMapView, Part[]> = {
  front: [
    ['face', 'head'],
    ['neck', 'neck'],
    ['chest', 'chest'],
    ['abdomen', 'abdomen'],
    ['genitalArea', 'genitalArea'],
  ],
  back: [
    ['scalp', 'head'],
    ['neck', 'neck'],
    ['back', 'back'],
  ],
};

const PAIRED: Record<BodyMapView, Part[]> = {
  front: [
    ['upperArm', 'upperArm'],
    ['forearm', 'forearm'],
    ['hand', 'hand'],
    ['thigh', 'thighFront'],
    ['lowerLeg', 'lowerLeg'],
    ['foot', 'foot'],
  ],
  back: [
    ['upperArm', 'upperArm'],
    ['forearm', 'forearm'],
    ['hand', 'hand'],
    ['buttock', 'buttock'],
    ['thigh', 'thighBack'],
    ['lowerLeg', 'lowerLeg'],
    ['foot', 'foot'],
  ],
};

/**
 * The person's side drawn on a half of the figure. Seen from the front the person faces the viewer, so their
 * left is on the viewer's right; seen from the back, their left is on the viewer's left.
 */
export function personSideOf(view: BodyMapView, isViewerRight: boolean): 'left' | 'right' {
  return (view === 'front') === isViewerRight ? 'left' : 'right';
}

function regionsOf(view: BodyMapView): BodyMapRegion[] {
  const midline = MIDLINE[view].map(([site, shape]) => ({
    id: `${view}-${site}`,
    view,
    site: SITE[site],
    laterality: null,
    shape: SHAPES[shape],
    isMirrored: false,
  }));
  const paired = PAIRED[view].flatMap(([site, shape]) =>
    [false, true].map((isMirrored) => {
      const laterality = personSideOf(view, isMirrored);
      return {
        id: `${view}-${site}-${laterality}`,
        view,
        site: SITE[site],
        laterality,
        shape: SHAPES[shape],
        isMirrored,
      };
    }),
  );
  return [...midline, ...paired];
}

export const BODY_MAP_REGIONS: readonly BodyMapRegion[] = BODY_MAP_VIEWS.flatMap(regionsOf);

export function regionsInView(view: BodyMapView): BodyMapRegion[] {
  return BODY_MAP_REGIONS.filter((region) => region.view === view);
}
