import { bodySiteLabel, type FhirResponseRecord } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';
import { listResponses } from './signed-responses.service.ts';
import { findCaseFacts, listAmendments, listCasePhotoIds, listSignedResponses } from './store.ts';

/**
 * The latest signed response of a case as the FHIR mapping reads it (core buildResponseResources), or null
 * before the first signature. For the FHIR read API and EHR write-back; the caller has checked the scope.
 */
export async function readResponseFhirRecord(
  db: Sql,
  caseId: string,
  caseStatus: FhirResponseRecord['caseStatus'],
): Promise<FhirResponseRecord | null> {
  // sequential: `db` may be a transaction's single connection
  const facts = await findCaseFacts(db, caseId);
  const rows = await listSignedResponses(db, caseId);
  const responses = await listResponses(db, caseId);
  const amendments = await listAmendments(db, caseId);
  const photoIds = await listCasePhotoIds(db, caseId);
  const row = rows.at(-1);
  const response = responses.at(-1);
  if (!facts || !row || !response) return null;
  return {
    caseId,
    caseNumber: facts.case_number,
    caseStatus,
    patientId: facts.patient_record_id,
    submittedAt: facts.submitted_at.toISOString(),
    photoIds,
    response: {
      id: response.id,
      disposition: response.disposition,
      narrative: response.narrative,
      medication: response.medication,
      requestedPhotos: response.requestedPhotos.map((r) => ({
        siteLabel: bodySiteLabel({ site: r.site, laterality: r.laterality }),
        view: r.view,
        instruction: r.instruction,
      })),
      signedAt: response.signedAt,
      author: { id: row.signed_by, name: row.signed_by_name },
      carePlan: response.carePlan ? { id: response.carePlan.id, byteSize: response.carePlan.byteSize } : null,
    },
    amendments: amendments
      .filter((a) => a.response_id === row.id)
      .map((a) => ({
        id: a.id,
        reason: a.reason,
        text: a.text,
        createdAt: a.created_at.toISOString(),
        author: { id: a.author_id, name: a.author_name },
      })),
  };
}
