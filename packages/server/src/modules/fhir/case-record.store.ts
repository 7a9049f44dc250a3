import type { CaseStatus, Concern, FhirBodySite, FhirPatientRecord, FhirPhoto, PhotoView } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';

/**
 * Read-only queries for the FHIR and e-RS views of a case. They never decide access: a caller passes a case
 * only after `findCaseInScope` (cases module) accepted it. They read the cases and photos modules' tables
 * because neither exposes a full read of a case yet (see the module README note in modules/fhir/index.ts).
 */
export interface CaseRecordRow {
  id: string;
  case_number: string;
  concern: Concern;
  status: CaseStatus;
  questionnaire_url: string;
  questionnaire_version: string;
  intake_response: unknown;
  created_at: Date;
  submitted_at: Date | null;
}

export interface PhotoRecordRow {
  id: string;
  body_site_id: string;
  view: PhotoView | null;
  width: number;
  height: number;
  captured_at: Date | null;
  created_at: Date;
  master_blob: string;
}

/** Served and exported photos are JPEG masters (modules/images writes every master as JPEG). */
export const MASTER_CONTENT_TYPE = 'image/jpeg';

export async function findCaseRecord(db: Sql, caseId: string): Promise<CaseRecordRow | null> {
  const { rows } = await db.query<CaseRecordRow>(
    `SELECT id, case_number, concern, status, questionnaire_url, questionnaire_version, intake_response, created_at,
       submitted_at FROM cases WHERE id = $1`,
    [caseId],
  );
  return rows[0] ?? null;
}

export async function findPatientRecord(db: Sql, patientRecordId: string): Promise<FhirPatientRecord | null> {
  const { rows } = await db.query<{
    id: string;
    given_name: string;
    family_name: string;
    birth_date: string;
    identifier_system: string | null;
    identifier_value: string | null;
  }>(
    `SELECT id, given_name, family_name, birth_date, identifier_system, identifier_value FROM patient_records
     WHERE id = $1`,
    [patientRecordId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    birthDate: row.birth_date,
    identifier:
      row.identifier_system && row.identifier_value
        ? { system: row.identifier_system, value: row.identifier_value }
        : null,
  };
}

export async function listCaseBodySites(db: Sql, caseId: string): Promise<FhirBodySite[]> {
  const { rows } = await db.query<FhirBodySite>(
    `SELECT id, site_code AS code, site_system AS system, laterality, label FROM case_body_sites
     WHERE case_id = $1 ORDER BY position, id`,
    [caseId],
  );
  return rows;
}

export async function listCasePhotoRecords(db: Sql, caseId: string): Promise<PhotoRecordRow[]> {
  const { rows } = await db.query<PhotoRecordRow>(
    `SELECT id, body_site_id, view, width, height, captured_at, created_at, master_blob FROM photos
     WHERE case_id = $1 ORDER BY created_at, id`,
    [caseId],
  );
  return rows;
}

export function toFhirPhoto(row: PhotoRecordRow, content?: FhirPhoto['content']): FhirPhoto {
  return {
    id: row.id,
    bodySiteId: row.body_site_id,
    view: row.view,
    width: row.width,
    height: row.height,
    contentType: MASTER_CONTENT_TYPE,
    capturedAt: row.captured_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    ...(content ? { content } : {}),
  };
}

/** The case a photo belongs to (unscoped: the caller checks the case's scope next). */
export async function findCaseIdOfPhoto(db: Sql, photoId: string): Promise<string | null> {
  const { rows } = await db.query<{ case_id: string }>('SELECT case_id FROM photos WHERE id = $1', [photoId]);
  return rows[0]?.case_id ?? null;
}

/** A patient's cases, newest first (unscoped: the caller keeps only those in the user's scope). */
export async function listCaseIdsOfPatient(db: Sql, patientRecordId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM cases WHERE patient_record_id = $1 ORDER BY created_at DESC, id LIMIT 200',
    [patientRecordId],
  );
  return rows.map((r) => r.id);
}
