import { describe, expect, it } from 'vitest';
import {
  arePatientAnnotationsReleased,
  parseWebAnnotation,
  photoAnnotationSource,
  toWebAnnotation,
} from './web-annotation.ts';

const photo = { id: '0b6f7a52-8a4e-4a53-9d7e-1f0e3c3b9a10', width: 1000, height: 800 };
const source = photoAnnotationSource(photo.id);
const fragment = (value: string) => ({
  type: 'FragmentSelector',
  conformsTo: 'http://www.w3.org/TR/media-frags/',
  value,
});
const svg = (points: string) => ({ type: 'SvgSelector', value: `<svg><polygon points="${points}" /></svg>` });
const annotation = (selector: unknown, overrides: Record<string, unknown> = {}) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  type: 'Annotation',
  body: [{ type: 'TextualBody', value: 'Irregular border', purpose: 'commenting' }],
  target: { source, selector },
  ...overrides,
});

describe('parseWebAnnotation', () => {
  it.each([
    ['a rectangle as Annotorious writes it', annotation(fragment('xywh=pixel:10.5,20,300,200')), 'rectangle'],
    ['a point (zero width and height)', annotation(fragment('xywh=pixel:500,400,0,0')), 'point'],
    ['a polygon', annotation(svg('10,10 200,15 120,300')), 'polygon'],
    [
      'a single body object and target array',
      annotation(fragment('xywh=10,10,5,5'), {
        body: { type: 'TextualBody', value: 'x' },
        target: [{ source, selector: fragment('xywh=10,10,5,5') }],
      }),
      'rectangle',
    ],
  ])('accepts %s', (_name, input, shape) => {
    const parsed = parseWebAnnotation(input, photo);
    expect(parsed.ok && parsed.value.shape).toBe(shape);
  });

  it.each([
    ['not an object', 'hello', ''],
    ['a missing type', { ...annotation(fragment('xywh=pixel:1,1,2,2')), type: undefined }, '/type'],
    ['no body', annotation(fragment('xywh=pixel:1,1,2,2'), { body: [] }), '/body'],
    [
      'two bodies',
      annotation(fragment('xywh=pixel:1,1,2,2'), {
        body: [
          { type: 'TextualBody', value: 'a' },
          { type: 'TextualBody', value: 'b' },
        ],
      }),
      '/body',
    ],
    [
      'an empty note',
      annotation(fragment('xywh=pixel:1,1,2,2'), { body: [{ type: 'TextualBody', value: '  ' }] }),
      '/body/value',
    ],
    [
      'a note too long',
      annotation(fragment('xywh=pixel:1,1,2,2'), { body: [{ type: 'TextualBody', value: 'x'.repeat(2001) }] }),
      '/body/value',
    ],
    [
      'another photo as source',
      annotation(fragment('xywh=pixel:1,1,2,2'), {
        target: { source: photoAnnotationSource('other'), selector: fragment('xywh=pixel:1,1,2,2') },
      }),
      '/target/source',
    ],
    [
      'the signed image URL as source',
      annotation(fragment('xywh=pixel:1,1,2,2'), {
        target: { source: '/api/images/abc', selector: fragment('xywh=pixel:1,1,2,2') },
      }),
      '/target/source',
    ],
    ['an unknown selector', annotation({ type: 'TextQuoteSelector', exact: 'x' }), '/target/selector/type'],
    ['a time fragment', annotation(fragment('t=10,20')), '/target/selector/value'],
    ['a negative coordinate', annotation(fragment('xywh=pixel:-1,1,2,2')), '/target/selector/value'],
    ['a line (zero height only)', annotation(fragment('xywh=pixel:1,1,20,0')), '/target/selector/value'],
    ['a rectangle past the edge', annotation(fragment('xywh=pixel:900,700,200,50')), '/target/selector/value'],
    ['a polygon of two points', annotation(svg('1,1 5,5')), '/target/selector/value'],
    ['a polygon point outside', annotation(svg('1,1 5,5 1200,5')), '/target/selector/value'],
    [
      'script in the SVG',
      annotation({ type: 'SvgSelector', value: '<svg><script>alert(1)</script></svg>' }),
      '/target/selector/value',
    ],
    [
      'an SVG with extra markup',
      annotation({ type: 'SvgSelector', value: '<svg><polygon points="1,1 5,5 9,1" onload="x()"/></svg>' }),
      '/target/selector/value',
    ],
  ])('refuses %s', (_name, input, path) => {
    const parsed = parseWebAnnotation(input, photo);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]!.path).toBe(path);
  });

  it('re-serialises what it keeps: no client ids, creators or markup survive', () => {
    const parsed = parseWebAnnotation(
      annotation(svg('10.123,10 200,15 120,300'), { id: 'client-id', creator: { name: 'someone' } }),
      photo,
    );
    if (!parsed.ok) throw new Error('expected a valid annotation');
    const stored = toWebAnnotation(
      parsed.value,
      { annotationId: 'a1', photoId: photo.id },
      { created: '2026-11-25T09:00:00.000Z', modified: '2026-11-25T09:00:00.000Z' },
    );
    expect(stored).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:dermis:annotation:a1',
      type: 'Annotation',
      body: [{ type: 'TextualBody', value: 'Irregular border', purpose: 'commenting', format: 'text/plain' }],
      target: {
        source,
        selector: { type: 'SvgSelector', value: '<svg><polygon points="10.12,10 200,15 120,300"/></svg>' },
      },
      created: '2026-11-25T09:00:00.000Z',
      modified: '2026-11-25T09:00:00.000Z',
    });
  });
});

describe('arePatientAnnotationsReleased', () => {
  it.each([
    ['submitted', false],
    ['in_review', false],
    ['waiting_for_patient', false],
    ['waiting_for_specialist', false],
    ['responded', true],
    ['closed', true],
  ])('%s → %s', (status, released) => {
    expect(arePatientAnnotationsReleased(status)).toBe(released);
  });
});
