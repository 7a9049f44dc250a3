import type { Disposition } from '../responses/dispositions.ts';

/** An escalation's life (issue 6): open in the type's queue, claimed by one specialist, answered or withdrawn. */
export const ESCALATION_STATUSES = ['open', 'claimed', 'answered', 'withdrawn'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** Open or claimed: the case waits for a specialist, and no second escalation may start. */
export function isEscalationPending(status: EscalationStatus): boolean {
  return status === 'open' || status === 'claimed';
}

/** The dermatologist may withdraw an escalation until its note is signed. */
export function canWithdrawEscalation(status: EscalationStatus): boolean {
  return isEscalationPending(status);
}

export interface ConsultationDraft {
  assessment: string;
  answer: string;
  recommendation: string;
  suggestedDisposition: Disposition | null;
}

/** Fields a consultation note still misses before it can be signed (empty: ready). */
export function missingConsultationFields(draft: ConsultationDraft | null): string[] {
  if (!draft) return ['assessment', 'answer', 'recommendation', 'suggestedDisposition'];
  const missing: string[] = [];
  for (const key of ['assessment', 'answer', 'recommendation'] as const) {
    if (draft[key].trim() === '') missing.push(key);
  }
  if (draft.suggestedDisposition === null) missing.push('suggestedDisposition');
  return missing;
}

/** Whole minutes between two instants, or null while the later one has not happened. */
export function minutesBetween(from: Date, to: Date | null): number | null {
  return to ? Math.floor((to.getTime() - from.getTime()) / 60000) : null;
}

/** When an escalation becomes overdue: its type's target hours after escalation. */
export function escalationDueAt(escalatedAt: Date, targetHours: number): Date {
  return new Date(escalatedAt.getTime() + targetHours * 3600_000);
}
