import { type Escalation, minutesBetween } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';
import { type EscalationRow, findDisplayNames, listNoteAmendments, listNotes } from './store.ts';

/**
 * Escalations as the API shows them: the governance facts (who escalated, when, why, to whom, time to claim,
 * time to answer, outcome) and the signed consultation note with its amendments after the original.
 */
export async function toEscalations(db: Sql, rows: EscalationRow[]): Promise<Escalation[]> {
  const notes = await listNotes(
    db,
    rows.filter((r) => r.status === 'answered').map((r) => r.id),
  );
  const amendments = await listNoteAmendments(
    db,
    notes.map((n) => n.id),
  );
  const people = new Set<string>();
  for (const r of rows) {
    people.add(r.escalated_by);
    if (r.claimed_by) people.add(r.claimed_by);
  }
  const names = await findDisplayNames(db, [...people]);
  return rows.map((r) => {
    const note = notes.find((n) => n.escalation_id === r.id);
    return {
      id: r.id,
      caseId: r.case_id,
      status: r.status,
      specialistType: r.specialist_type,
      requestedSpecialistId: r.requested_specialist_id,
      question: r.question,
      routingNote: r.routing_note,
      escalatedBy: names.get(r.escalated_by) ?? '',
      escalatedAt: r.escalated_at.toISOString(),
      claimedBy: r.claimed_by ? (names.get(r.claimed_by) ?? '') : null,
      claimedAt: r.claimed_at?.toISOString() ?? null,
      answeredAt: r.answered_at?.toISOString() ?? null,
      withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
      minutesToClaim: minutesBetween(r.escalated_at, r.claimed_at),
      minutesToAnswer: minutesBetween(r.escalated_at, r.answered_at),
      note: note
        ? {
            id: note.id,
            assessment: note.assessment,
            answer: note.answer,
            recommendation: note.recommendation,
            suggestedDisposition: note.suggested_disposition,
            signedBy: note.signer_name,
            signedAt: note.signed_at.toISOString(),
            amendments: amendments
              .filter((a) => a.note_id === note.id)
              .map((a) => ({ id: a.id, reason: a.reason, text: a.text, createdAt: a.created_at.toISOString() })),
          }
        : null,
    };
  });
}
