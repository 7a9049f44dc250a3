import { zipSync } from 'fflate';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type CaseReader, readCaseInScope, readMaster } from '../fhir/index.ts';
import { ERS_MAX_FILE_BYTES } from './fit-image.ts';
import { ImageFitError, withImageFitter } from './fit-image-pool.ts';
import { buildSummaryPdf, type ExportedPhoto } from './pdf-summary.ts';

/** The whole export (every photo of a case) must finish within this, or its worker is stopped. */
const EXPORT_TIMEOUT_MS = 120_000;

export interface ErsExport {
  zip: Uint8Array;
  /** Carries no PHI: the case number and patient stay inside the file. */
  fileName: string;
  patientId: string;
}

/**
 * A case packed for an NHS e-RS referral: each photo as a JPEG of at most 5 MB (re-encoded in a worker when the
 * master is larger) and a PDF summary of the case and its intake. Only for a case the user may see (404
 * otherwise) and only once it has been sent (a draft is not a referral).
 */
export async function exportCaseForErs(p: Platform, reader: CaseReader, caseId: string): Promise<ErsExport> {
  const scoped = await readCaseInScope(p, reader, caseId);
  if (!scoped) throw new AppError('NOT_FOUND');
  const { record } = scoped;
  if (record.status === 'draft') throw new AppError('EXPORT_CASE_NOT_SENT');
  const files: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
  const listed: ExportedPhoto[] = [];
  try {
    await withImageFitter(EXPORT_TIMEOUT_MS, async (fit) => {
      for (const [index, row] of scoped.photos.entries()) {
        const fitted = await fit(await readMaster(p, row), ERS_MAX_FILE_BYTES);
        const photo = record.photos.find((candidate) => candidate.id === row.id)!;
        const fileName = `photo-${String(index + 1).padStart(2, '0')}.jpg`;
        // JPEG is compressed already: stored, not deflated again.
        files[fileName] = [fitted.bytes, { level: 0 }];
        listed.push({
          fileName,
          bodySite: record.bodySites.find((site) => site.id === photo.bodySiteId)?.label ?? 'Body site not recorded',
          view: photo.view,
          capturedAt: photo.capturedAt,
          width: fitted.width,
          height: fitted.height,
          isReencoded: fitted.isReencoded,
        });
      }
    });
  } catch (error) {
    if (error instanceof ImageFitError) throw new AppError('EXPORT_FAILED');
    throw error;
  }
  const now = p.clock.now();
  files['summary.pdf'] = [await buildSummaryPdf(record, listed, now), { level: 6 }];
  return {
    zip: zipSync(files, { mtime: now }),
    fileName: `dermis-ers-export-${now.toISOString().slice(0, 10)}.zip`,
    patientId: record.patient.id,
  };
}
