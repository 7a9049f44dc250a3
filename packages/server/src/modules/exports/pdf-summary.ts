import { type FhirCaseRecord, type ReadableEntry, type ReadableText, readableEntries } from '@dermis/core';
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts } from 'pdf-lib';

/** A photo as listed in the summary: its file in the zip and what it shows. */
export interface ExportedPhoto {
  fileName: string;
  bodySite: string;
  view: string | null;
  capturedAt: string | null;
  width: number;
  height: number;
  isReencoded: boolean;
}

const PAGE = { width: 595.28, height: 841.89, margin: 50 } as const; // A4, in points
const SIZE = { title: 16, heading: 12, body: 10 } as const;
const CONCERN_TEXT = { lesion: 'Lesion or mole', rash: 'Rash', other: 'Other skin concern' } as const;
const VIEW_TEXT: Record<string, string> = { close_up: 'close-up', context: 'context view', side_angle: 'side angle' };
const ENGLISH: ReadableText = {
  item: (item) => item.text ?? item.linkId,
  answer: (coding) => coding.display ?? coding.code ?? '',
  yes: 'Yes',
  no: 'No',
  date: (ymd) => ymd,
};

/** The standard PDF fonts speak WinAnsi only: typographic marks become ASCII, anything else a '?'. */
function printable(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[^\x20-\x7E\xA0-\xFF]/g, '?');
}

/** Lines laid out top to bottom, wrapped to the page width, a new page when one fills up. */
class Writer {
  #page: PDFPage;
  #y: number;
  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
  ) {
    this.#page = pdf.addPage([PAGE.width, PAGE.height]);
    this.#y = PAGE.height - PAGE.margin;
  }

  line(text: string, options: { size?: number; bold?: boolean; indent?: number } = {}): void {
    const size = options.size ?? SIZE.body;
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const indent = options.indent ?? 0;
    const maxWidth = PAGE.width - 2 * PAGE.margin - indent;
    for (const wrapped of wrap(printable(text), font, size, maxWidth)) {
      if (this.#y - size < PAGE.margin) {
        this.#page = this.pdf.addPage([PAGE.width, PAGE.height]);
        this.#y = PAGE.height - PAGE.margin;
      }
      this.#y -= size * 1.35;
      this.#page.drawText(wrapped, { x: PAGE.margin + indent, y: this.#y, size, font });
    }
  }

  heading(text: string): void {
    this.#y -= SIZE.body * 0.8;
    this.line(text, { size: SIZE.heading, bold: true });
  }
}

function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && font.widthOfTextAtSize(candidate, size) > maxWidth) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  lines.push(current);
  return lines;
}

function writeEntries(writer: Writer, entries: ReadableEntry[], indent = 0): void {
  for (const entry of entries) {
    if (entry.kind === 'answer') {
      writer.line(`${entry.question}: ${entry.answers.join('; ')}`, { indent });
      continue;
    }
    writer.line(`${entry.question}:`, { indent, bold: true });
    entry.instances.forEach((instance, index) => {
      writer.line(`${index + 1}.`, { indent: indent + 10 });
      writeEntries(writer, instance, indent + 20);
    });
  }
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'not recorded');

/** The case summary that travels with the photos into an NHS e-RS referral (English, A4, text only). */
export async function buildSummaryPdf(
  record: FhirCaseRecord,
  photos: ExportedPhoto[],
  exportedAt: Date,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Dermis case ${record.caseNumber}`);
  pdf.setProducer('Dermis');
  pdf.setCreationDate(exportedAt);
  pdf.setModificationDate(exportedAt);
  const writer = new Writer(pdf, {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
  });
  writer.line('Teledermatology case summary for an NHS e-RS referral', { size: SIZE.title, bold: true });
  writer.line(`Case number: ${record.caseNumber}`, { bold: true });
  writer.line(
    `Case started: ${day(record.createdAt)}    Sent: ${day(record.submittedAt)}    Exported: ${day(exportedAt.toISOString())}`,
  );

  const { patient } = record;
  writer.heading('Patient');
  writer.line(`Name: ${patient.givenName} ${patient.familyName}`);
  writer.line(`Date of birth: ${patient.birthDate}`);
  if (patient.identifier) {
    const label = patient.identifier.system.endsWith('/nhs-number') ? 'NHS number' : 'Identifier';
    writer.line(`${label}: ${patient.identifier.value}`);
  }

  writer.heading('Concern');
  writer.line(`Presenting concern: ${CONCERN_TEXT[record.concern]}`);
  writer.line(`Body sites: ${record.bodySites.map((site) => site.label).join('; ') || 'none recorded'}`);

  writer.heading('Intake answers (patient reported)');
  const { questionnaire, intakeResponse } = record;
  if (questionnaire && intakeResponse) {
    writeEntries(writer, readableEntries(questionnaire.item ?? [], intakeResponse.item ?? [], ENGLISH));
  } else writer.line('No intake answers were recorded.');

  writer.heading(`Photographs (${photos.length})`);
  for (const photo of photos) {
    const what = [photo.bodySite, photo.view ? VIEW_TEXT[photo.view] : null].filter(Boolean).join(', ');
    const note = photo.isReencoded ? ', re-encoded to fit the 5 MB e-RS limit' : '';
    writer.line(
      `${photo.fileName}: ${what}; taken ${day(photo.capturedAt)}; ${photo.width} x ${photo.height} px${note}`,
    );
  }
  return pdf.save();
}
