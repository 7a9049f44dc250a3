import { MEDIA_FRAGMENTS, type PhotoAnnotation, photoAnnotationSource } from '@dermis/core';

/**
 * Regions on a photo in image pixels, and their W3C selectors (core/annotations/web-annotation.ts): a
 * rectangle and a point are media fragments (`xywh=pixel:x,y,w,h`, a point with zero size), a polygon an SVG.
 */
export type Region =
  | { kind: 'rectangle'; x: number; y: number; w: number; h: number }
  | { kind: 'point'; x: number; y: number }
  | { kind: 'polygon'; points: [number, number][] };
export type RegionKind = Region['kind'];

export interface ImageSize {
  width: number;
  height: number;
}

const XYWH = /^xywh=(?:pixel:)?([\d.]+),([\d.]+),([\d.]+),([\d.]+)$/;
const POINTS = /points="([^"]*)"/;
const round = (n: number) => Math.round(n * 100) / 100;
const clamp = (n: number, max: number) => Math.min(Math.max(n, 0), max);

export function regionOf(annotation: PhotoAnnotation['annotation']): Region {
  const { selector } = annotation.target;
  if (selector.type === 'FragmentSelector') {
    const [x, y, w, h] = (XYWH.exec(selector.value) ?? []).slice(1).map(Number) as [number, number, number, number];
    return w === 0 && h === 0 ? { kind: 'point', x, y } : { kind: 'rectangle', x, y, w, h };
  }
  const points = (POINTS.exec(selector.value)?.[1] ?? '')
    .trim()
    .split(/\s+/)
    .map((pair) => pair.split(',').map(Number) as [number, number]);
  return { kind: 'polygon', points };
}

/** The annotation to send for a region of `photoId` with the clinician's note. */
export function toWebAnnotation(photoId: string, region: Region, text: string) {
  const selector =
    region.kind === 'polygon'
      ? {
          type: 'SvgSelector',
          value: `<svg><polygon points="${region.points.map(([x, y]) => `${round(x)},${round(y)}`).join(' ')}"/></svg>`,
        }
      : {
          type: 'FragmentSelector',
          conformsTo: MEDIA_FRAGMENTS,
          value:
            region.kind === 'point'
              ? `xywh=pixel:${round(region.x)},${round(region.y)},0,0`
              : `xywh=pixel:${round(region.x)},${round(region.y)},${round(region.w)},${round(region.h)}`,
        };
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    body: [{ type: 'TextualBody', value: text, purpose: 'commenting' }],
    target: { source: photoAnnotationSource(photoId), selector },
  };
}

/** The smallest rectangle holding the region (a point's is empty). */
export function boundsOf(region: Region): { x: number; y: number; w: number; h: number } {
  if (region.kind === 'rectangle') return { x: region.x, y: region.y, w: region.w, h: region.h };
  if (region.kind === 'point') return { x: region.x, y: region.y, w: 0, h: 0 };
  const xs = region.points.map((p) => p[0]);
  const ys = region.points.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/** A dragged rectangle from two corners, kept inside the image; null for a drag too small to mean anything. */
export function rectangleFromDrag(
  from: { x: number; y: number },
  to: { x: number; y: number },
  image: ImageSize,
): Region | null {
  const x1 = clamp(Math.min(from.x, to.x), image.width);
  const y1 = clamp(Math.min(from.y, to.y), image.height);
  const x2 = clamp(Math.max(from.x, to.x), image.width);
  const y2 = clamp(Math.max(from.y, to.y), image.height);
  const minSide = Math.max(2, Math.min(image.width, image.height) / 200);
  if (x2 - x1 < minSide || y2 - y1 < minSide) return null;
  return { kind: 'rectangle', x: round(x1), y: round(y1), w: round(x2 - x1), h: round(y2 - y1) };
}

export function pointAt(at: { x: number; y: number }, image: ImageSize): Region | null {
  if (at.x < 0 || at.y < 0 || at.x > image.width || at.y > image.height) return null;
  return { kind: 'point', x: round(at.x), y: round(at.y) };
}

export function clampToImage(at: { x: number; y: number }, image: ImageSize): [number, number] {
  return [round(clamp(at.x, image.width)), round(clamp(at.y, image.height))];
}

/**
 * For keyboard users: a region at the centre of what the viewer shows (pan and zoom there first). A
 * rectangle covers the middle third of the visible part of the image; a point marks its centre.
 */
export function regionAtCentre(
  visible: { x: number; y: number; width: number; height: number },
  image: ImageSize,
  kind: 'rectangle' | 'point',
): Region {
  const left = clamp(visible.x, image.width);
  const top = clamp(visible.y, image.height);
  const right = clamp(visible.x + visible.width, image.width);
  const bottom = clamp(visible.y + visible.height, image.height);
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  if (kind === 'point') return { kind: 'point', x: round(cx), y: round(cy) };
  const w = Math.max((right - left) / 3, 1);
  const h = Math.max((bottom - top) / 3, 1);
  return { kind: 'rectangle', x: round(cx - w / 2), y: round(cy - h / 2), w: round(w), h: round(h) };
}

/** An SVG element for the region, in image pixels (for a still image under an SVG with that viewBox). */
export function svgShapeOf(
  region: Region,
  image: ImageSize,
): { tag: 'rect' | 'polygon' | 'circle'; attributes: Record<string, string>; labelAt: [number, number] } {
  if (region.kind === 'rectangle') {
    return {
      tag: 'rect',
      attributes: { x: `${region.x}`, y: `${region.y}`, width: `${region.w}`, height: `${region.h}` },
      labelAt: [region.x, region.y],
    };
  }
  if (region.kind === 'point') {
    const r = Math.max(4, Math.min(image.width, image.height) / 60);
    return {
      tag: 'circle',
      attributes: { cx: `${region.x}`, cy: `${region.y}`, r: `${round(r)}` },
      labelAt: [region.x + r, region.y - r],
    };
  }
  const { x, y } = boundsOf(region);
  return { tag: 'polygon', attributes: { points: region.points.map((p) => p.join(',')).join(' ') }, labelAt: [x, y] };
}
