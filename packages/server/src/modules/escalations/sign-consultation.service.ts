import { type Escalation, missingConsultationFields } from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueue } from '../../platform/outbox.ts';
import { listAnnotations, listCasePhotoRows } from '../case-review/index.ts';
import { recordStatusChange, updateCaseStatus } from '../cases/index.ts';
import { enqueuePush } from '../notifications/index.ts';
import { findResponseDraft } from '../responses/index.ts';
import { CONSULTATION_READY_TOPIC } from './emails.ts';
import { toEscalations } from './escalation-view.ts';
import { lockOwnPending, type SpecialistCaller } from './specialist.service.ts';
import { insertNote, updateEscalation } from './store.ts';

/**
 * The specialist signs the consultation note (issue 6). In one transaction: the note becomes an insert-only row
 * (a second signature is 409 CONSULTATION_ALREADY_SIGNED), what the specialist saw is recorded (photo ids,
 * annotation ids, the dermatologist's working notes) so their later read access is the case as it was, the case
 * returns to review with the same dermatologist, who is told by email and push (no PHI).
 */
export async function signConsultation(p: Platform, caller: SpecialistCaller, id: string): Promise<Escalation> {
  return p.db.transaction(async (tx) => {
    const row = await lockOwnPending(tx, caller, id);
    const missing = missingConsultationFields(row.draft);
    if (missing.length > 0 || !row.draft?.suggestedDisposition) {
      throw new AppError('CONSULTATION_INCOMPLETE', {
        errors: missing.map((field) => ({
          path: `/${field}`,
          message: 'is required',
          code: 'CONSULTATION_INCOMPLETE',
        })),
      });
    }
    const now = p.clock.now();
    const photos = await listCasePhotoRows(tx, row.case_id);
    const annotations = (await Promise.all(photos.map((ph) => listAnnotations(tx, ph.id, null)))).flat();
    const workingNotes = (await findResponseDraft(tx, row.case_id))?.content ?? null;
    await insertNote(tx, {
      escalationId: id,
      caseId: row.case_id,
      content: row.draft,
      signedBy: caller.userId,
      now,
    });
    const updated = await updateEscalation(tx, id, {
      status: 'answered',
      answeredAt: now,
      seenPhotoIds: photos.map((ph) => ph.id),
      seenAnnotationIds: annotations.map((a) => a.id),
      seenWorkingNotes: workingNotes,
    });
    if (!(await updateCaseStatus(tx, row.case_id, { from: 'waiting_for_specialist', to: 'in_review', now }))) {
      throw new AppError('CASE_TRANSITION_NOT_ALLOWED');
    }
    await recordStatusChange(tx, caller, {
      caseId: row.case_id,
      row: { status: row.case_status, patient_record_id: row.patient_record_id },
      to: 'in_review',
      now,
      action: 'escalation.note.sign',
    });
    await caller.audit(tx, {
      action: 'escalation.note.sign',
      objectType: 'escalation',
      objectId: id,
      patientId: row.patient_record_id,
    });
    await enqueue(tx, now, { topic: CONSULTATION_READY_TOPIC, payload: { escalationId: id } });
    await enqueuePush(tx, now, row.escalated_by, 'consultation_ready');
    return (await toEscalations(tx, [updated]))[0]!;
  });
}
