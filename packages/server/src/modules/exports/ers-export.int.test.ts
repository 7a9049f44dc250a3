import { randomBytes } from 'node:crypto';
import exifr from 'exifr';
import { unzipSync, unzlibSync } from 'fflate';
import { PDFDocument, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import {
  completeDraft,
  createDraft,
  createDraftForPatient,
  readyDraft,
  signUpPatient,
  submit,
} from '../cases/case-test-support.ts';
import { sendPhoto } from '../photos/photo-test-support.ts';
import { ERS_MAX_FILE_BYTES } from './fit-image.ts';

let t: TestApp;
let owner: TestClient;
let stranger: TestClient;
let caseId: string;
let caseNumber: string;
let largeMasterBytes: number;

/** A 12 MP photo of fine noise with an Artist tag: its JPEG master is far over 5 MB. */
async function noisyPhoto(): Promise<Buffer> {
  const [width, height] = [4000, 3000];
  const raw = randomBytes(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = 60 + (raw[i]! % 140);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .withExif({ IFD0: { Artist: 'Jane Patient', Copyright: 'Jane Patient' } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The text a PDF's pages draw (pdf-lib writes standard-font text as hex strings in deflated streams). */
async function pdfText(bytes: Uint8Array): Promise<{ title: string | undefined; text: string }> {
  const pdf = await PDFDocument.load(bytes);
  const parts: string[] = [];
  for (const page of pdf.getPages()) {
    const contents = page.node.Contents();
    const streams = contents && 'asArray' in contents ? contents.asArray() : [contents];
    for (const ref of streams) {
      const stream = pdf.context.lookup(ref as never);
      if (!(stream instanceof PDFRawStream)) continue;
      const decoded = Buffer.from(unzlibSync(stream.getContents())).toString('latin1');
      for (const [, hex] of decoded.matchAll(/<([0-9A-Fa-f]+)> Tj/g))
        parts.push(Buffer.from(hex!, 'hex').toString('latin1'));
    }
  }
  return { title: pdf.getTitle(), text: parts.join('\n') };
}

beforeAll(async () => {
  t = await startTestApp();
  owner = (await signUpPatient(t, { givenName: 'Robin', familyName: 'Quist' })).client;
  stranger = (await signUpPatient(t, { givenName: 'Other', familyName: 'Person' })).client;
  const draft = await readyDraft(owner, t.app);
  caseId = draft.id;
  caseNumber = draft.caseNumber;
  const { finished } = await sendPhoto(t.app, owner, { caseId, bodySiteId: draft.bodySiteId }, await noisyPhoto());
  expect(finished.statusCode, finished.body).toBe(204);
  const largeId = finished.headers['dermis-photo-id'] as string;
  const { rows } = await t.p.db.query<{ master_blob: string }>('SELECT master_blob FROM photos WHERE id = $1', [
    largeId,
  ]);
  largeMasterBytes = (await t.p.blobs.read(rows[0]!.master_blob)).length;
  expect((await submit(owner, caseId, draft.intakeVersion, `ers-${caseId}`)).statusCode).toBe(201);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('GET /api/cases/:id/export/ers', () => {
  let files: Record<string, Uint8Array>;
  let response: Awaited<ReturnType<TestClient['get']>>;

  beforeAll(async () => {
    response = await owner.get(`/api/cases/${caseId}/export/ers`);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    files = unzipSync(new Uint8Array(response.rawPayload));
  }, 120_000);

  it('is a zip download whose file name carries no PHI', () => {
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['cache-control']).toBe('no-store');
    const disposition = String(response.headers['content-disposition']);
    expect(disposition).toBe('attachment; filename="dermis-ers-export-2026-11-25.zip"');
    expect(Object.keys(files).sort()).toEqual(['photo-01.jpg', 'photo-02.jpg', 'summary.pdf']);
  });

  it('every image is a JPEG of at most 5 MB; the large master was re-encoded down, the small one kept', async () => {
    expect(largeMasterBytes).toBeGreaterThan(ERS_MAX_FILE_BYTES);
    for (const name of ['photo-01.jpg', 'photo-02.jpg']) {
      expect(files[name]!.length, name).toBeLessThanOrEqual(ERS_MAX_FILE_BYTES);
      expect((await sharp(files[name]!).metadata()).format).toBe('jpeg');
    }
    // photos of one moment export in id order: tell them apart by size, not by name
    const sizes = await Promise.all(
      ['photo-01.jpg', 'photo-02.jpg'].map(async (name) => (await sharp(files[name]!).metadata()).width),
    );
    expect(sizes.sort()).toEqual([1000, 4000]);
  });

  it('no exported image carries EXIF, GPS, XMP or IPTC', async () => {
    for (const name of ['photo-01.jpg', 'photo-02.jpg']) {
      const image = Buffer.from(files[name]!);
      const found = await exifr.parse(image, {
        tiff: true,
        ifd0: true,
        exif: true,
        gps: true,
        xmp: true,
        iptc: true,
        mergeOutput: false,
      } as unknown as Parameters<typeof exifr.parse>[1]);
      expect(found, name).toBeUndefined();
      expect(image.includes('Jane Patient'), name).toBe(false);
    }
  });

  it('the PDF summary loads and states the case, the patient, the answers and the photos', async () => {
    const { title, text } = await pdfText(files['summary.pdf']!);
    expect(title).toContain(caseNumber);
    expect(text).toContain(`Case number: ${caseNumber}`);
    expect(text).toContain('Name: Robin Quist');
    expect(text).toContain('Date of birth: 1984-07-09');
    expect(text).toContain('Body sites: Left forearm');
    expect(text).toContain('Lesion or mole');
    expect(text).toContain('Hydrocortisone 1% cream');
    expect(text).toMatch(/photo-0[12]\.jpg: Left forearm; taken not recorded; 4000 x 3000 px, re-encoded to fit/);
    expect(text).toMatch(/photo-0[12]\.jpg: Left forearm; taken not recorded; 1000 x 800 px$/m);
  });

  it('is audited with the case and the patient', async () => {
    const { rows } = await t.p.db.query<{ outcome: string; patient_id: string | null }>(
      `SELECT outcome, patient_id FROM audit_log WHERE action = 'case.export.ers' AND object_id = $1 ORDER BY seq`,
      [caseId],
    );
    expect(rows[0]?.outcome).toBe('success');
    expect(rows[0]?.patient_id).toBeTruthy();
  });
});

describe('who may export', () => {
  it('another patient gets 404, and it is audited as denied', async () => {
    const response = await stranger.get(`/api/cases/${caseId}/export/ers`);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
    const { rows } = await t.p.db.query<{ outcome: string }>(
      `SELECT outcome FROM audit_log WHERE action = 'case.export.ers' AND object_id = $1 ORDER BY seq DESC LIMIT 1`,
      [caseId],
    );
    expect(rows[0]?.outcome).toBe('denied');
  });

  it('without a session: 401', async () => {
    expect((await t.client().get(`/api/cases/${caseId}/export/ers`)).statusCode).toBe(401);
  });

  it('a draft is not a referral yet: 409 EXPORT_CASE_NOT_SENT', async () => {
    const draft = await createDraft(owner);
    const response = await owner.get(`/api/cases/${draft.id}/export/ers`);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('EXPORT_CASE_NOT_SENT');
  });
});

describe('a referring clinician (Advice & Guidance)', () => {
  it('exports a case they sent; the summary names the patient with the NHS number', async () => {
    const gp = t.client({ ip: '198.51.100.41' });
    await gp.signInAs(t.clock, 'referring_clinician');
    const draft = await createDraftForPatient(gp);
    const { intakeVersion } = await completeDraft(gp, t.app, draft.id);
    expect((await submit(gp, draft.id, intakeVersion, `ers-gp-${draft.id}`)).statusCode).toBe(201);
    const response = await gp.get(`/api/cases/${draft.id}/export/ers`);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const { text } = await pdfText(unzipSync(new Uint8Array(response.rawPayload))['summary.pdf']!);
    expect(text).toContain('Name: Jane Doe');
    expect(text).toContain('NHS number: 9434765919');
    expect((await owner.get(`/api/cases/${draft.id}/export/ers`)).statusCode).toBe(404);
  });
});
