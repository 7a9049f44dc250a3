import type { ResponseDraft, SaveResponseDraftBody } from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseCaller } from '../cases/index.ts';
import { caseInScope, isDrafting } from './response-scope.ts';
import { toDraftView } from './response-view.ts';
import { type DraftRow, findCarePlan, findDraft, upsertDraft } from './store.ts';

/** A save that named an older version: the route answers 409 with both, so the clinician chooses. */
export class ResponseDraftConflictError extends AppError {
  constructor(
    readonly stored: ResponseDraft,
    readonly sent: SaveResponseDraftBody,
  ) {
    super('RESPONSE_DRAFT_VERSION_CONFLICT');
  }
}

export async function draftView(tx: Sql, caseId: string, draft: DraftRow | null): Promise<ResponseDraft> {
  const uploaded = draft?.uploaded_care_plan_id ? await findCarePlan(tx, caseId, draft.uploaded_care_plan_id) : null;
  return toDraftView(caseId, draft, uploaded);
}

/** The working draft (version 0 and empty before the first save); it outlives the session that wrote it. */
export async function readDraft(p: Platform, caller: CaseCaller, caseId: string): Promise<ResponseDraft> {
  return p.db.transaction(async (tx) => {
    const found = await caseInScope(tx, caller, caseId);
    const view = await draftView(tx, caseId, await findDraft(tx, caseId));
    await caller.audit(tx, {
      action: 'response.draft.read',
      objectType: 'case',
      objectId: caseId,
      patientId: found.patientRecordId,
    });
    return view;
  });
}

/**
 * Saves what the clinician typed as the next version. Debounced autosaves from one tab each name the version
 * the previous save returned; a save from a stale tab names an older one and is refused with both versions.
 */
export async function saveDraft(
  p: Platform,
  caller: CaseCaller,
  caseId: string,
  body: SaveResponseDraftBody,
): Promise<ResponseDraft> {
  return p.db.transaction(async (tx) => {
    const found = await caseInScope(tx, caller, caseId, true);
    const current = await findDraft(tx, caseId, true);
    if (!isDrafting(found.status)) {
      throw new AppError(current?.signed_response_id ? 'RESPONSE_ALREADY_SIGNED' : 'CASE_TRANSITION_NOT_ALLOWED');
    }
    const version = current?.version ?? 0;
    if (body.version !== version) throw new ResponseDraftConflictError(await draftView(tx, caseId, current), body);
    const saved = await upsertDraft(tx, {
      caseId,
      version: version + 1,
      content: body.content,
      savedBy: caller.userId,
      now: p.clock.now(),
    });
    await caller.audit(tx, {
      action: 'response.draft.save',
      objectType: 'case',
      objectId: caseId,
      patientId: found.patientRecordId,
    });
    return draftView(tx, caseId, saved);
  });
}
