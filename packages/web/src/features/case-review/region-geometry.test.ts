import { parseWebAnnotation, toWebAnnotation as stored } from '@dermis/core';
import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  type Region,
  rectangleFromDrag,
  regionAtCentre,
  regionOf,
  svgShapeOf,
  toWebAnnotation,
} from './region-geometry.ts';

const photo = { id: '0b6f7a52-8a4e-4a53-9d7e-1f0e3c3b9a10', width: 1000, height: 800 };

describe('regions and W3C selectors', () => {
  it.each<[string, Region]>([
    ['a rectangle', { kind: 'rectangle', x: 10.5, y: 20, w: 300, h: 200 }],
    ['a point', { kind: 'point', x: 500, y: 400 }],
    [
      'a polygon',
      {
        kind: 'polygon',
        points: [
          [10, 10],
          [200, 15],
          [120.25, 300],
        ],
      },
    ],
  ])('%s survives the trip through the server’s validator and back', (_name, region) => {
    const parsed = parseWebAnnotation(toWebAnnotation(photo.id, region, 'note'), photo);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const back = stored(parsed.value, { annotationId: 'a', photoId: photo.id }, { created: '', modified: '' });
    expect(regionOf(back)).toEqual(region);
  });

  it('gives the bounds of a polygon', () => {
    expect(
      boundsOf({
        kind: 'polygon',
        points: [
          [10, 50],
          [200, 15],
          [120, 300],
        ],
      }),
    ).toEqual({ x: 10, y: 15, w: 190, h: 285 });
  });
});

describe('drawing', () => {
  it('makes a rectangle from a drag in any direction, clamped to the photo', () => {
    expect(rectangleFromDrag({ x: 900, y: 700 }, { x: 1200, y: 600 }, photo)).toEqual({
      kind: 'rectangle',
      x: 900,
      y: 600,
      w: 100,
      h: 100,
    });
  });

  it('ignores a drag too small to be meant (a click)', () => {
    expect(rectangleFromDrag({ x: 100, y: 100 }, { x: 101, y: 140 }, photo)).toBeNull();
  });

  it('puts a keyboard region in the middle third of the visible part of the photo', () => {
    expect(regionAtCentre({ x: 0, y: 0, width: 600, height: 300 }, photo, 'rectangle')).toEqual({
      kind: 'rectangle',
      x: 200,
      y: 100,
      w: 200,
      h: 100,
    });
    // Zoomed out beyond the photo: only the photo counts.
    expect(regionAtCentre({ x: -500, y: -400, width: 2000, height: 1600 }, photo, 'point')).toEqual({
      kind: 'point',
      x: 500,
      y: 400,
    });
  });
});

describe('regions on a still photo', () => {
  it('draws each kind as its SVG element, in image pixels', () => {
    expect(svgShapeOf({ kind: 'rectangle', x: 10, y: 20, w: 30, h: 40 }, photo)).toEqual({
      tag: 'rect',
      attributes: { x: '10', y: '20', width: '30', height: '40' },
      labelAt: [10, 20],
    });
    expect(svgShapeOf({ kind: 'point', x: 500, y: 400 }, photo).attributes).toEqual({
      cx: '500',
      cy: '400',
      r: '13.33',
    });
    expect(
      svgShapeOf(
        {
          kind: 'polygon',
          points: [
            [10, 50],
            [200, 15],
            [120, 300],
          ],
        },
        photo,
      ),
    ).toEqual({
      tag: 'polygon',
      attributes: { points: '10,50 200,15 120,300' },
      labelAt: [10, 15],
    });
  });
});
