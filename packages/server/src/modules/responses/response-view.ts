import {
  type Amendment,
  bodySiteLabel,
  type CarePlanInfo,
  emptyResponseContent,
  type RequestedPhoto,
  type ResponseDraft,
  type SignedResponse,
} from '@dermis/core';
import type { AmendmentRow, CarePlanRow, DraftRow, ImageRequestRow, SignedRow } from './store.ts';

// Rows to API shapes (core/api/responses.schema.ts); nothing here reads or writes.

export function toCarePlanInfo(row: Pick<CarePlanRow, 'id' | 'source' | 'byte_size' | 'created_at'>): CarePlanInfo {
  return { id: row.id, source: row.source, byteSize: row.byte_size, createdAt: row.created_at.toISOString() };
}

export function toDraftView(caseId: string, draft: DraftRow | null, uploaded: CarePlanRow | null): ResponseDraft {
  return {
    caseId,
    version: draft?.version ?? 0,
    content: draft?.content ?? emptyResponseContent(),
    savedAt: draft?.saved_at.toISOString() ?? null,
    uploadedCarePlan: uploaded ? toCarePlanInfo(uploaded) : null,
    isSigned: draft?.signed_response_id != null,
  };
}

export function toRequestedPhoto(row: ImageRequestRow): RequestedPhoto {
  return {
    id: row.id,
    site: row.site,
    laterality: row.laterality,
    siteLabel: bodySiteLabel({ site: row.site, laterality: row.laterality }),
    view: row.view,
    instruction: row.instruction,
  };
}

function toAmendment(row: AmendmentRow): Amendment {
  return {
    id: row.id,
    reason: row.reason,
    text: row.text,
    authorName: row.author_name,
    createdAt: row.created_at.toISOString(),
  };
}

export function toSignedResponse(
  row: SignedRow,
  requests: readonly ImageRequestRow[],
  amendments: readonly AmendmentRow[],
): SignedResponse {
  const carePlan =
    row.care_plan_id && row.care_plan_source && row.care_plan_byte_size !== null && row.care_plan_created_at
      ? toCarePlanInfo({
          id: row.care_plan_id,
          source: row.care_plan_source,
          byte_size: row.care_plan_byte_size,
          created_at: row.care_plan_created_at,
        })
      : null;
  return {
    id: row.id,
    sequence: row.sequence,
    disposition: row.disposition,
    narrative: row.narrative,
    medication: row.medication,
    requestedPhotos: requests.filter((r) => r.response_id === row.id).map(toRequestedPhoto),
    carePlan,
    signedAt: row.signed_at.toISOString(),
    signedByName: row.signed_by_name,
    amendments: amendments.filter((a) => a.response_id === row.id).map(toAmendment),
  };
}
