/**
 * Annotations on a clinical photo, stored as W3C Web Annotation JSON (https://www.w3.org/TR/annotation-model/):
 * one TextualBody (the clinician's note) and a target on the photo with one selector: a media-fragment
 * rectangle (`xywh=pixel:x,y,w,h`), a point (the same with zero width and height), or an SVG polygon. This is
 * what Annotorious' W3C adapter writes, so the web app sends its output as it is, with the photo's URN as
 * the source instead of the (short-lived, signed) image URL.
 */
export const ANNOTATION_VISIBILITIES = ['clinician_only', 'patient'] as const;
export type AnnotationVisibility = (typeof ANNOTATION_VISIBILITIES)[number];
export type AnnotationShape = 'rectangle' | 'point' | 'polygon';

export const MEDIA_FRAGMENTS = 'http://www.w3.org/TR/media-frags/';
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const MAX_ANNOTATION_TEXT = 2000;
const MAX_POLYGON_POINTS = 500;

export const photoAnnotationSource = (photoId: string) => `urn:dermis:photo:${photoId}`;
export const annotationUrn = (annotationId: string) => `urn:dermis:annotation:${annotationId}`;

export type AnnotationSelector =
  | { type: 'FragmentSelector'; conformsTo: typeof MEDIA_FRAGMENTS; value: string }
  | { type: 'SvgSelector'; value: string };

export interface WebAnnotation {
  '@context': typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'Annotation';
  body: { type: 'TextualBody'; value: string; purpose: 'commenting'; format: 'text/plain' }[];
  target: { source: string; selector: AnnotationSelector };
  created: string;
  modified: string;
}

/** What the server keeps of a valid annotation: the note, the shape and its selector, re-serialised. */
export interface ParsedAnnotation {
  text: string;
  shape: AnnotationShape;
  selector: AnnotationSelector;
}

export interface AnnotationProblem {
  path: string;
  message: string;
}

type Parse<T> = { ok: true; value: T } | { ok: false; problems: AnnotationProblem[] };
const fail = (path: string, message: string): { ok: false; problems: AnnotationProblem[] } => ({
  ok: false,
  problems: [{ path, message }],
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const NUMBER = '(\\d+(?:\\.\\d+)?)';
const XYWH = new RegExp(`^xywh=(?:pixel:)?${NUMBER},${NUMBER},${NUMBER},${NUMBER}$`);
const SVG_POLYGON = /^<svg(?:\s[^>]*)?>\s*<polygon\s+points=(["'])([^"'<>]*)\1\s*(?:\/>|>\s*<\/polygon>)\s*<\/svg>$/;

function parseBody(body: unknown): Parse<string> {
  const bodies = Array.isArray(body) ? body : [body];
  if (bodies.length !== 1) return fail('/body', 'exactly one TextualBody');
  const only = bodies[0];
  if (!isObject(only) || only.type !== 'TextualBody' || typeof only.value !== 'string') {
    return fail('/body', 'a TextualBody with a text value');
  }
  const text = only.value.trim();
  if (text.length === 0 || text.length > MAX_ANNOTATION_TEXT) {
    return fail('/body/value', `text of 1 to ${MAX_ANNOTATION_TEXT} characters`);
  }
  return { ok: true, value: text };
}

const inside = (x: number, y: number, image: { width: number; height: number }) =>
  x >= 0 && y >= 0 && x <= image.width && y <= image.height;
const round = (n: number) => Math.round(n * 100) / 100;

function parseSelector(
  selector: unknown,
  image: { width: number; height: number },
): Parse<{ shape: AnnotationShape; selector: AnnotationSelector }> {
  if (!isObject(selector)) return fail('/target/selector', 'one selector object');
  const value = typeof selector.value === 'string' ? selector.value.trim() : '';
  if (selector.type === 'FragmentSelector') {
    const match = XYWH.exec(value);
    if (!match) return fail('/target/selector/value', 'xywh=pixel:x,y,w,h');
    const [x, y, w, h] = match.slice(1).map(Number) as [number, number, number, number];
    const isPoint = w === 0 && h === 0;
    if (!isPoint && (w === 0 || h === 0)) return fail('/target/selector/value', 'a rectangle with width and height');
    if (!inside(x, y, image) || !inside(x + w, y + h, image)) {
      return fail('/target/selector/value', 'inside the photo');
    }
    return {
      ok: true,
      value: {
        shape: isPoint ? 'point' : 'rectangle',
        selector: {
          type: 'FragmentSelector',
          conformsTo: MEDIA_FRAGMENTS,
          value: `xywh=pixel:${round(x)},${round(y)},${round(w)},${round(h)}`,
        },
      },
    };
  }
  if (selector.type === 'SvgSelector') {
    const match = SVG_POLYGON.exec(value);
    if (!match) return fail('/target/selector/value', 'an SVG with one polygon');
    const pairs = match[2]!.trim().split(/\s+/);
    const points = pairs.map((pair) => pair.split(',').map(Number));
    if (points.length < 3 || points.length > MAX_POLYGON_POINTS) {
      return fail('/target/selector/value', `a polygon of 3 to ${MAX_POLYGON_POINTS} points`);
    }
    if (points.some((p) => p.length !== 2 || !p.every(Number.isFinite) || !inside(p[0]!, p[1]!, image))) {
      return fail('/target/selector/value', 'points x,y inside the photo');
    }
    const text = points.map(([x, y]) => `${round(x!)},${round(y!)}`).join(' ');
    return {
      ok: true,
      value: { shape: 'polygon', selector: { type: 'SvgSelector', value: `<svg><polygon points="${text}"/></svg>` } },
    };
  }
  return fail('/target/selector/type', 'FragmentSelector or SvgSelector');
}

/**
 * Checks an annotation a client sent for `photo`: W3C shape, the photo as its target source, a text note, and a
 * region inside the photo. Unknown extra properties (ids, creators, timestamps) are ignored: the server sets them.
 */
export function parseWebAnnotation(
  input: unknown,
  photo: { id: string; width: number; height: number },
): Parse<ParsedAnnotation> {
  if (!isObject(input)) return fail('', 'a Web Annotation object');
  if (input.type !== 'Annotation') return fail('/type', 'Annotation');
  const body = parseBody(input.body);
  if (!body.ok) return body;
  const target = Array.isArray(input.target) && input.target.length === 1 ? input.target[0] : input.target;
  if (!isObject(target)) return fail('/target', 'one target');
  if (target.source !== photoAnnotationSource(photo.id)) return fail('/target/source', 'this photo');
  const selector =
    Array.isArray(target.selector) && target.selector.length === 1 ? target.selector[0] : target.selector;
  const region = parseSelector(selector, photo);
  if (!region.ok) return region;
  return { ok: true, value: { text: body.value, ...region.value } };
}

/** The stored form: the parsed annotation as W3C JSON, with the server's id and times. */
export function toWebAnnotation(
  annotation: ParsedAnnotation,
  ids: { annotationId: string; photoId: string },
  times: { created: string; modified: string },
): WebAnnotation {
  return {
    '@context': ANNOTATION_CONTEXT,
    id: annotationUrn(ids.annotationId),
    type: 'Annotation',
    body: [{ type: 'TextualBody', value: annotation.text, purpose: 'commenting', format: 'text/plain' }],
    target: { source: photoAnnotationSource(ids.photoId), selector: annotation.selector },
    ...times,
  };
}

/**
 * Whether the patient may see the case's patient-visible annotations: once the response is signed (the case
 * is `responded`, later `closed`). Until then the annotations are the clinician's work in progress.
 */
export function arePatientAnnotationsReleased(status: string): boolean {
  return status === 'responded' || status === 'closed';
}
