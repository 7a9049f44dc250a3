import {
  canTransition,
  emptyResponseContent,
  type RESPONSE_PROBLEM_CODES,
  type SignedResponse,
  statusAfterSigning,
  toSignableResponse,
  validateForSigning,
} from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type CaseCaller, recordStatusChange } from '../cases/index.ts';
import { schedulePhotoRequestReminder } from '../photo-requests/index.ts';
import { recordFirstResponse } from '../review/index.ts';
import { generateCarePlan } from './care-plan.service.ts';
import { notifySubmitter } from './emails.ts';
import { caseInScope } from './response-scope.ts';
import { listResponses } from './signed-responses.service.ts';
import {
  findCaseFacts,
  findDisplayName,
  findDraft,
  insertImageRequests,
  insertSignedResponse,
  markDraftSigned,
  updateCaseStatus,
} from './store.ts';

const PROBLEM_TEXT: Record<(typeof RESPONSE_PROBLEM_CODES)[number], string> = {
  DISPOSITION_REQUIRED: 'choose a disposition',
  NARRATIVE_REQUIRED: 'write the narrative for the patient',
  MEDICATION_REQUIRED: 'add the medication',
  MEDICATION_FIELD_REQUIRED: 'fill in this medication field',
  MEDICATION_CODE_INVALID: 'a drug dictionary code is digits only',
  MEDICATION_DURATION_INVALID: 'give the duration in days (1 or more)',
  MEDICATION_QUANTITY_INVALID: 'give the quantity and its unit',
  IMAGE_REQUEST_REQUIRED: 'ask for at least one photo',
  IMAGE_REQUEST_SITE_INVALID: 'choose a body site from the list (with its side where it has one)',
  IMAGE_REQUEST_VIEW_REQUIRED: 'choose the view',
  IMAGE_REQUEST_INSTRUCTION_REQUIRED: 'say what the photo should show',
  IMAGE_REQUEST_DUPLICATE: 'this photo is already requested',
  CARE_PLAN_NOT_UPLOADED: 'upload the care plan or choose another option',
};

/**
 * Signs the draft the clinician read (`version`) and sends it: one transaction for the immutable response, its
 * photo requests, the care plan, the case status (timeline event + audit row), the time to first response and
 * the notifications. Signing again, or a version that is not the latest, is refused with 409.
 */
export async function signResponse(
  p: Platform,
  caller: CaseCaller,
  caseId: string,
  version: number,
): Promise<SignedResponse> {
  const written: string[] = [];
  try {
    return await p.db.transaction(async (tx) => {
      const found = await caseInScope(tx, caller, caseId, true);
      const draft = await findDraft(tx, caseId, true);
      if (draft?.signed_response_id) throw new AppError('RESPONSE_ALREADY_SIGNED');
      if (draft && draft.version !== version) throw new AppError('RESPONSE_DRAFT_VERSION_CONFLICT');
      const content = draft?.content ?? emptyResponseContent();
      const problems = validateForSigning(content, { hasUploadedCarePlan: draft?.uploaded_care_plan_id != null });
      if (!draft || problems.length > 0) {
        throw new AppError('RESPONSE_INCOMPLETE', {
          errors: problems.map((problem) => ({ ...problem, message: PROBLEM_TEXT[problem.code] })),
        });
      }
      const response = toSignableResponse(draft.content);
      const to = statusAfterSigning(response.disposition);
      if (!canTransition(found.status, to)) throw new AppError('CASE_TRANSITION_NOT_ALLOWED');
      const facts = await findCaseFacts(tx, caseId);
      if (!facts) throw new AppError('NOT_FOUND');
      const now = p.clock.now();

      let carePlanId: string | null = null;
      if (response.carePlan === 'uploaded') carePlanId = draft.uploaded_care_plan_id;
      if (response.carePlan === 'generated') {
        const clinicianName = await findDisplayName(tx, caller.userId);
        const generated = await generateCarePlan(
          p,
          tx,
          { caseId, response, clinicianName, userId: caller.userId, now },
          written,
        );
        carePlanId = generated.id;
      }
      const signed = await insertSignedResponse(tx, {
        caseId,
        response,
        carePlanId,
        draftVersion: draft.version,
        userId: caller.userId,
        now,
      });
      await insertImageRequests(tx, signed.id, caseId, response.imageRequests);
      await markDraftSigned(tx, caseId, signed.id);

      if (!(await updateCaseStatus(tx, caseId, { from: found.status, to, now }))) {
        throw new AppError('CASE_TRANSITION_NOT_ALLOWED');
      }
      await recordStatusChange(tx, caller, {
        caseId,
        row: { status: found.status, patient_record_id: found.patientRecordId },
        to,
        now,
        action: 'response.sign',
      });
      await recordFirstResponse(tx, caseId, now);
      await notifySubmitter(tx, now, {
        caseId,
        submittedBy: facts.submitted_by,
        kind: to === 'waiting_for_patient' ? 'photos_requested' : 'case_answered',
      });
      if (to === 'waiting_for_patient') {
        await schedulePhotoRequestReminder(tx, p.config, { caseId, responseId: signed.id, requestedAt: now });
      }
      const all = await listResponses(tx, caseId);
      return all.find((r) => r.id === signed.id)!;
    });
  } catch (error) {
    for (const key of written) await p.blobs.delete(key).catch(() => undefined);
    throw error;
  }
}
