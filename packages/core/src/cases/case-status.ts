/**
 * The case lifecycle (issue 5, "Case lifecycle"): one table of allowed status changes, read by the server
 * for every transition and by the web app to decide which actions to offer. Anything not in the table is
 * refused (409 CASE_TRANSITION_NOT_ALLOWED on the API).
 */
export const CASE_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'waiting_for_patient',
  'waiting_for_specialist',
  'responded',
  'closed',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface CaseTransition {
  from: CaseStatus;
  to: CaseStatus;
  /** Why the case moves; shown in tests and documentation. */
  reason: string;
}

export const CASE_TRANSITIONS: readonly CaseTransition[] = [
  { from: 'draft', to: 'submitted', reason: 'the patient (or GP) submits a complete case' },
  { from: 'draft', to: 'withdrawn', reason: 'the author abandons the draft' },
  { from: 'submitted', to: 'in_review', reason: 'a dermatologist claims the case from the queue' },
  { from: 'submitted', to: 'withdrawn', reason: 'the patient withdraws before anyone has started the review' },
  { from: 'in_review', to: 'submitted', reason: 'the dermatologist releases the case back to the queue' },
  { from: 'in_review', to: 'waiting_for_patient', reason: 'the dermatologist requests more images' },
  { from: 'in_review', to: 'waiting_for_specialist', reason: 'the dermatologist escalates to a specialist' },
  { from: 'in_review', to: 'responded', reason: 'the dermatologist signs the response' },
  { from: 'waiting_for_patient', to: 'in_review', reason: 'the requested images arrive (back to the same provider)' },
  { from: 'waiting_for_patient', to: 'closed', reason: 'the patient never answers the request and the case is closed' },
  { from: 'waiting_for_specialist', to: 'in_review', reason: 'the consultation note arrives for the provider' },
  { from: 'responded', to: 'closed', reason: 'the case is closed after the patient has the response' },
];

const ALLOWED = new Set(CASE_TRANSITIONS.map((t) => `${t.from}>${t.to}`));

/** Statuses a case never leaves. */
export const TERMINAL_CASE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(
  (status) => !CASE_TRANSITIONS.some((t) => t.from === status),
);

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return ALLOWED.has(`${from}>${to}`);
}

export class CaseTransitionError extends Error {
  readonly code = 'CASE_TRANSITION_NOT_ALLOWED' as const;
  constructor(
    readonly from: CaseStatus,
    readonly to: CaseStatus,
  ) {
    super(`A case cannot go from ${from} to ${to}.`);
  }
}

/** Throws CaseTransitionError (code CASE_TRANSITION_NOT_ALLOWED) for a change the table does not allow. */
export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) throw new CaseTransitionError(from, to);
}

/** Only a draft's intake, body sites (and later photos) can change; after submission the case is a record. */
export function isEditable(status: CaseStatus): boolean {
  return status === 'draft';
}
