import { ageInYears, type CaseReviewView, type CaseViewPhoto, type PhotoView, type SiteComparison } from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseCaller } from '../cases/index.ts';
import { signPhotoLinks } from '../photos/index.ts';
import { findOpenPhotoRequestRound } from '../responses/index.ts';
import { findAssignedCase } from '../review/index.ts';
import {
  findCaseExtras,
  listCasePhotoRows,
  listEarlierCases,
  listSameSitePhotos,
  listSites,
  type ViewPhotoRow,
} from './store.ts';

/** A photo row as a clinician's view shows it, with links signed for `userId` (case view, specialist view). */
export function toViewPhoto(p: Platform, userId: string, row: ViewPhotoRow): CaseViewPhoto {
  const signed = signPhotoLinks(p, userId, row.id);
  return {
    id: row.id,
    bodySiteId: row.body_site_id,
    view: row.view as PhotoView | null,
    width: row.width,
    height: row.height,
    capturedAt: row.captured_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    links: signed.links,
    linksExpireAt: signed.expiresAt,
  };
}

/**
 * The whole case on one screen for the dermatologist it is assigned to (anyone else: 404, scope in the review
 * module's query). Photo links are signed for the caller; the patient's earlier photos are in their comparison
 * scope (store.ts), so the image route serves them too. One audit row for the read, in the same transaction.
 */
export async function readCaseView(p: Platform, caller: CaseCaller, caseId: string): Promise<CaseReviewView> {
  return p.db.transaction(async (tx) => {
    const row = await findAssignedCase(tx, caller.userId, caseId);
    if (!row) throw new AppError('NOT_FOUND');
    const current = { caseId, patientRecordId: row.patient_record_id, submittedAt: row.submitted_at };
    // One after another: a transaction is one connection, which runs one query at a time anyway.
    const extras = await findCaseExtras(tx, caseId);
    const sites = await listSites(tx, caseId);
    const photos = await listCasePhotoRows(tx, caseId);
    const earlierCases = await listEarlierCases(tx, row.patient_record_id, caseId, row.submitted_at);
    const sameSite = await listSameSitePhotos(tx, current);
    const photoRequests = row.status === 'waiting_for_patient' ? await findOpenPhotoRequestRound(tx, caseId) : null;
    await caller.audit(tx, {
      action: 'case_review.read',
      objectType: 'case',
      objectId: caseId,
      patientId: row.patient_record_id,
    });
    const comparisons: SiteComparison[] = sites.map((site) => ({
      bodySiteId: site.id,
      earlier: sameSite
        .filter((r) => r.current_site_id === site.id)
        .map((r) => ({
          caseId: r.case_id,
          caseNumber: r.case_number,
          submittedAt: r.submitted_at.toISOString(),
          photo: toViewPhoto(p, caller.userId, r),
        })),
    }));
    return {
      id: row.id,
      caseNumber: row.case_number,
      concern: row.concern,
      status: row.status,
      submittedAt: row.submitted_at.toISOString(),
      waitingForPatientSince: photoRequests?.requestedAt.toISOString() ?? null,
      priority: row.triage_priority,
      redFlags: row.triage_rules,
      patient: {
        givenName: row.given_name,
        familyName: row.family_name,
        birthDate: row.birth_date,
        ageYears: ageInYears(row.birth_date, p.clock.now()),
        sex: null,
      },
      bodySites: sites.map((s) => ({
        id: s.id,
        site: s.site_code,
        system: s.site_system,
        laterality: s.laterality,
        label: s.label,
      })),
      intake: {
        questionnaire: `${extras.questionnaire_url}|${extras.questionnaire_version}`,
        response: row.intake_response,
      },
      photos: photos.map((photo) => toViewPhoto(p, caller.userId, photo)),
      earlierCases: earlierCases.map((c) => ({
        id: c.id,
        caseNumber: c.case_number,
        concern: c.concern,
        status: c.status,
        submittedAt: c.submitted_at.toISOString(),
      })),
      comparisons,
    };
  });
}
