import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { generateCarePlanPdf, isPdf } from './care-plan-pdf.ts';

const response = {
  disposition: 'additional_images_requested' as const,
  narrative: 'Please send one more photo.',
  medication: null,
  imageRequests: [
    { site: '14975008', laterality: 'left' as const, view: 'with_scale' as const, instruction: 'Add a ruler.' },
  ],
  carePlan: 'generated' as const,
};
const meta = { clinicianName: 'Dr Sam Okafor', signedAt: new Date('2026-11-25T10:00:00Z') };

describe('isPdf', () => {
  it.each([
    ['a PDF header', Buffer.from('%PDF-1.7\n...'), true],
    ['an HTML page that mentions %PDF- later', Buffer.from('<html>%PDF-1.7'), false],
    ['a PNG', Buffer.from('89504e470d0a1a0a', 'hex'), false],
    ['only the magic, nothing after it', Buffer.from('%PDF-'), false],
    ['nothing', Buffer.alloc(0), false],
  ])('%s → %s', (_name, bytes, expected) => {
    expect(isPdf(bytes)).toBe(expected);
  });
});

describe('generateCarePlanPdf', () => {
  it('makes a PDF that opens, titled "Care plan"', async () => {
    const bytes = await generateCarePlanPdf(response, meta);
    expect(isPdf(bytes)).toBe(true);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('Care plan');
    expect(doc.getPageCount()).toBe(1);
  });

  it('prints text the standard fonts cannot encode as "?" instead of failing the signature', async () => {
    const bytes = await generateCarePlanPdf({ ...response, narrative: 'Apply twice daily 😀 — 皮膚 ok' }, meta);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
  });

  it('continues a long narrative on further pages', async () => {
    const narrative = Array.from({ length: 120 }, (_, i) => `Paragraph ${i + 1}: keep the skin moisturised.`).join(
      '\n',
    );
    const bytes = await generateCarePlanPdf({ ...response, narrative }, meta);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThan(1);
  });
});
