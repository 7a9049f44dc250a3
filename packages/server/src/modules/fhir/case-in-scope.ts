import { createHash } from 'node:crypto';
import { type FhirCaseRecord, intakeQuestionnaires, type Role } from '@dermis/core';
import type { QuestionnaireResponse } from 'fhir/r4.js';
import { BlobNotFoundError } from '../../platform/blob-store.ts';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findCaseInScope } from '../cases/index.ts';
import {
  findCaseRecord,
  findPatientRecord,
  listCaseBodySites,
  listCasePhotoRecords,
  type PhotoRecordRow,
  toFhirPhoto,
} from './case-record.store.ts';

export interface CaseReader {
  userId: string;
  role: Role;
}

/** A case the user may see, as the FHIR mapping reads it, with its photo rows (blob keys stay server-side). */
export interface ScopedCase {
  record: FhirCaseRecord;
  photos: PhotoRecordRow[];
}

/**
 * THE access rule for FHIR reads and exports: a case exists for a user exactly when the cases module's
 * `findCaseInScope` returns it; otherwise null (answered 404). `contentOf` names the photos whose master is
 * read to state its size and hash (Media.content); reading every master for every request would be wasteful.
 */
export async function readCaseInScope(
  p: Platform,
  reader: CaseReader,
  caseId: string,
  contentOf: (photoId: string) => boolean = () => false,
): Promise<ScopedCase | null> {
  const scope = await findCaseInScope(p.db, reader, caseId);
  if (!scope) return null;
  const [row, patient, bodySites, photos] = await Promise.all([
    findCaseRecord(p.db, caseId),
    findPatientRecord(p.db, scope.patientRecordId),
    listCaseBodySites(p.db, caseId),
    listCasePhotoRecords(p.db, caseId),
  ]);
  if (!row || !patient) return null;
  const withContent = await Promise.all(
    photos.map(async (photo) => {
      if (!contentOf(photo.id)) return toFhirPhoto(photo);
      const bytes = await readMaster(p, photo);
      return toFhirPhoto(photo, { size: bytes.length, sha1: createHash('sha1').update(bytes).digest('base64') });
    }),
  );
  return {
    record: {
      caseId: row.id,
      caseNumber: row.case_number,
      concern: row.concern,
      status: row.status,
      createdAt: row.created_at.toISOString(),
      submittedAt: row.submitted_at?.toISOString() ?? null,
      patient,
      questionnaire: intakeQuestionnaires.find(`${row.questionnaire_url}|${row.questionnaire_version}`),
      intakeResponse: (row.intake_response as QuestionnaireResponse | null) ?? null,
      bodySites,
      photos: withContent,
    },
    photos,
  };
}

/** The stored master (decrypted): the image a clinician would download, metadata already removed at ingest. */
export async function readMaster(p: Platform, photo: Pick<PhotoRecordRow, 'master_blob'>): Promise<Buffer> {
  try {
    return await p.blobs.read(photo.master_blob);
  } catch (error) {
    if (error instanceof BlobNotFoundError) throw new AppError('NOT_FOUND');
    throw error;
  }
}
