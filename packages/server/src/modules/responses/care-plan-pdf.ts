import { bodySiteLabel, dispositionDisplay, medicationLines, type SignableResponse } from '@dermis/core';
import { PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';

/** The largest care plan a dermatologist may upload (a few pages of text and figures). */
export const CARE_PLAN_MAX_BYTES = 10 * 1024 * 1024;

/** Every PDF starts with `%PDF-` (ISO 32000-1, 7.5.2); the name or Content-Type of an upload proves nothing. */
export function isPdf(bytes: Uint8Array): boolean {
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d];
  return bytes.length > magic.length && magic.every((byte, i) => bytes[i] === byte);
}

const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const SIZE = { title: 18, heading: 12, body: 11 };
const LEADING = 1.4;

const VIEW_TEXT: Record<string, string> = {
  close_up: 'close-up',
  context: 'wider view',
  side_angle: 'from the side',
  with_scale: 'with a ruler or coin for scale',
};

/** The standard fonts encode WinAnsi only: anything else (emoji, other scripts) prints as '?', never throws. */
function printable(font: PDFFont, text: string): string {
  let out = '';
  for (const char of text) {
    try {
      font.encodeText(char);
      out += char;
    } catch {
      out += '?';
    }
  }
  return out;
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * A care plan made from the signed narrative (for a clinician who has no document of their own): the
 * disposition, the narrative, the medication and any requested photos, on A4 pages.
 */
export async function generateCarePlanPdf(
  response: SignableResponse,
  meta: { clinicianName: string; signedAt: Date },
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Care plan');
  doc.setProducer('Dermis');
  doc.setCreationDate(meta.signedAt);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;

  const write = (text: string, font: PDFFont, size: number) => {
    for (const line of wrap(font, size, printable(font, text), PAGE.width - 2 * PAGE.margin)) {
      if (y - size < PAGE.margin) {
        page = doc.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - PAGE.margin;
      }
      y -= size * LEADING;
      page.drawText(line, { x: PAGE.margin, y, size, font });
    }
  };
  const gap = () => {
    y -= SIZE.body;
  };

  write('Care plan', bold, SIZE.title);
  write(`${meta.clinicianName}, ${meta.signedAt.toISOString().slice(0, 10)}`, regular, SIZE.body);
  gap();
  write(dispositionDisplay(response.disposition), bold, SIZE.heading);
  write(response.narrative, regular, SIZE.body);
  if (response.medication) {
    gap();
    write('Medication', bold, SIZE.heading);
    for (const line of medicationLines(response.medication)) write(line, regular, SIZE.body);
  }
  if (response.imageRequests.length > 0) {
    gap();
    write('Photos to send', bold, SIZE.heading);
    for (const request of response.imageRequests) {
      const site = bodySiteLabel({ site: request.site, laterality: request.laterality });
      write(`- ${site}, ${VIEW_TEXT[request.view]}: ${request.instruction}`, regular, SIZE.body);
    }
  }
  return doc.save();
}
