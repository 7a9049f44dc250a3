import type {
  ConsultationAmendmentBody,
  ConsultationContent,
  Escalation,
  SpecialistCaseView,
  SpecialistQueue,
  SpecialistQueueEntry,
} from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { listAnnotations, listCasePhotoRows, toViewPhoto } from '../case-review/index.ts';
import type { CaseCaller } from '../cases/index.ts';
import { findResponseDraft } from '../responses/index.ts';
import { toEscalations } from './escalation-view.ts';
import {
  type ClaimedCaseRow,
  findClaimedCase,
  insertNoteAmendment,
  listClaimedBy,
  listNotes,
  listOpenForSpecialist,
  lockClaimable,
  type QueueEntryRow,
  updateEscalation,
} from './store.ts';

/** A signed-in specialist: the caller plus the type whose queue they work. */
export interface SpecialistCaller extends CaseCaller {
  specialistType: string;
}

function toEntry(userId: string, r: QueueEntryRow): SpecialistQueueEntry {
  return {
    id: r.id,
    question: r.question,
    concern: r.concern,
    ageGroup: r.age_group,
    priority: r.triage_priority,
    escalatedAt: r.escalated_at.toISOString(),
    namedForMe: r.requested_specialist_id === userId,
    status: r.status,
  };
}

/** Before claiming: question, concern, age group and urgency only (minimum necessary: no name, no images). */
export async function readSpecialistQueue(p: Platform, caller: SpecialistCaller): Promise<SpecialistQueue> {
  const [open, mine] = await Promise.all([
    listOpenForSpecialist(p.db, { userId: caller.userId, specialistType: caller.specialistType }),
    listClaimedBy(p.db, caller.userId),
  ]);
  return { open: open.map((r) => toEntry(caller.userId, r)), mine: mine.map((r) => toEntry(caller.userId, r)) };
}

/**
 * One owner per escalation: the row lock serialises concurrent claims, the second finds it taken and gets 409
 * ESCALATION_ALREADY_CLAIMED. Claiming one's own again is a no-op. Outside the type (or named for someone
 * else): 404.
 */
export async function claimEscalation(p: Platform, caller: SpecialistCaller, id: string): Promise<Escalation> {
  return p.db.transaction(async (tx) => {
    const row = await lockClaimable(tx, { userId: caller.userId, specialistType: caller.specialistType }, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.claimed_by !== null && row.claimed_by !== caller.userId) throw new AppError('ESCALATION_ALREADY_CLAIMED');
    const updated =
      row.claimed_by === caller.userId
        ? row
        : await updateEscalation(tx, id, { status: 'claimed', claimedBy: caller.userId, claimedAt: p.clock.now() });
    await caller.audit(tx, {
      action: 'escalation.claim',
      objectType: 'escalation',
      objectId: id,
      patientId: row.patient_record_id,
    });
    return (await toEscalations(tx, [updated]))[0]!;
  });
}

/** The case's photos and their live annotations now (what a signature freezes). */
async function caseMaterial(tx: Sql, caseId: string) {
  const photos = await listCasePhotoRows(tx, caseId);
  const annotations = (await Promise.all(photos.map((ph) => listAnnotations(tx, ph.id, null)))).flat();
  return { photos, annotations };
}

/**
 * The claimed case, question on top: photos (signed links), intake, annotations (clinician-only included), the
 * dermatologist's working notes. Once signed, the case as it was at signing: the photos and annotations seen
 * then (an annotation changed later is left out) and the working notes copied then; nothing added later.
 */
export async function readSpecialistCase(
  p: Platform,
  caller: SpecialistCaller,
  id: string,
): Promise<SpecialistCaseView> {
  return p.db.transaction(async (tx) => {
    const row = await findClaimedCase(tx, caller.userId, id);
    if (!row) throw new AppError('NOT_FOUND');
    const isFrozen = row.status === 'answered';
    const material = await caseMaterial(tx, row.case_id);
    let { photos, annotations } = material;
    let workingNotes: unknown = (await findResponseDraft(tx, row.case_id))?.content ?? null;
    if (isFrozen) {
      const seenPhotos = new Set(row.seen_photo_ids ?? []);
      const seenAnnotations = new Set(row.seen_annotation_ids ?? []);
      const answeredAt = row.answered_at!.getTime();
      photos = photos.filter((ph) => seenPhotos.has(ph.id));
      annotations = annotations.filter(
        (a) => seenAnnotations.has(a.id) && new Date(a.annotation.modified).getTime() <= answeredAt,
      );
      workingNotes = row.seen_working_notes ?? null;
    }
    await caller.audit(tx, {
      action: 'escalation.case.read',
      objectType: 'escalation',
      objectId: id,
      patientId: row.patient_record_id,
    });
    return {
      escalation: (await toEscalations(tx, [row]))[0]!,
      case: {
        id: row.case_id,
        caseNumber: row.case_number,
        concern: row.concern,
        status: row.case_status,
        ageGroup: row.age_group,
        priority: row.triage_priority,
        intake: row.intake_response,
        photos: photos.map((ph) => toViewPhoto(p, caller.userId, ph)),
        annotations: annotations.map((a) => ({
          id: a.id,
          photoId: a.photo_id,
          visibility: a.visibility,
          annotation: a.annotation,
        })),
        workingNotes,
      },
      draft: row.draft,
      isFrozen,
    };
  });
}

export async function lockOwnPending(tx: Sql, caller: SpecialistCaller, id: string): Promise<ClaimedCaseRow> {
  const row = await findClaimedCase(tx, caller.userId, id, true);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status === 'answered') throw new AppError('CONSULTATION_ALREADY_SIGNED');
  return row;
}

/** Saves the consultation note as the specialist writes it (server state; nothing lost on interruption). */
export async function saveConsultationDraft(
  p: Platform,
  caller: SpecialistCaller,
  id: string,
  content: ConsultationContent,
): Promise<ConsultationContent> {
  return p.db.transaction(async (tx) => {
    const row = await lockOwnPending(tx, caller, id);
    const updated = await updateEscalation(tx, id, { draft: content, draftSavedAt: p.clock.now() });
    await caller.audit(tx, {
      action: 'escalation.draft.save',
      objectType: 'escalation',
      objectId: id,
      patientId: row.patient_record_id,
    });
    return updated.draft!;
  });
}

/** A correction to a signed note: a new row beside the original, which stays as signed. Signer only. */
export async function amendConsultation(
  p: Platform,
  caller: SpecialistCaller,
  id: string,
  input: ConsultationAmendmentBody,
): Promise<Escalation> {
  return p.db.transaction(async (tx) => {
    const row = await findClaimedCase(tx, caller.userId, id, true);
    if (!row) throw new AppError('NOT_FOUND');
    const [note] = await listNotes(tx, [id]);
    if (row.status !== 'answered' || !note) throw new AppError('CONSULTATION_NOT_SIGNED');
    await insertNoteAmendment(tx, {
      noteId: note.id,
      reason: input.reason.trim(),
      text: input.text.trim(),
      authorId: caller.userId,
      now: p.clock.now(),
    });
    await caller.audit(tx, {
      action: 'escalation.note.amend',
      objectType: 'escalation',
      objectId: id,
      patientId: row.patient_record_id,
    });
    return (await toEscalations(tx, [row]))[0]!;
  });
}
