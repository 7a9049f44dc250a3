import { type Static, Type } from '@sinclair/typebox';
import { AGE_GROUPS } from '../triage/age-group.ts';
import { TRIAGE_PRIORITIES, TRIAGE_RULE_IDS } from '../triage/triage-rules.ts';
import { CaseStatusSchema, ConcernSchema } from './cases.schema.ts';

const strict = { additionalProperties: false } as const;
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

export const TriagePrioritySchema = Type.Union(TRIAGE_PRIORITIES.map((p) => Type.Literal(p)));
export const TriageRuleIdSchema = Type.Union(TRIAGE_RULE_IDS.map((id) => Type.Literal(id)));
export const AgeGroupSchema = Type.Union(AGE_GROUPS.map((g) => Type.Literal(g)));
/** Who holds a queued case, from the caller's point of view. */
export const REVIEW_STATES = ['unclaimed', 'mine', 'others'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const ReviewStateSchema = Type.Union(REVIEW_STATES.map((s) => Type.Literal(s)));

/** Queue filters; unknown fields answer 400. Dates are UTC days, both ends included. */
export const QueueQuery = Type.Object(
  {
    concern: Type.Optional(ConcernSchema),
    ageGroup: Type.Optional(AgeGroupSchema),
    priority: Type.Optional(TriagePrioritySchema),
    review: Type.Optional(ReviewStateSchema),
    submittedFrom: Type.Optional(IsoDate),
    submittedTo: Type.Optional(IsoDate),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  },
  strict,
);
export type QueueQuery = Static<typeof QueueQuery>;

/** What a dermatologist needs to choose a case, and nothing more: no name, no images. */
export const QueueItem = Type.Object(
  {
    id: Uuid,
    caseNumber: Type.String(),
    concern: ConcernSchema,
    ageGroup: Type.Union([AgeGroupSchema, Type.Null()]),
    priority: TriagePrioritySchema,
    reasons: Type.Array(TriageRuleIdSchema),
    submittedAt: DateTime,
    waitingSeconds: Type.Integer({ minimum: 0 }),
    review: ReviewStateSchema,
    /** When the photos the dermatologist asked for (more images) last arrived; null if none were asked for. */
    resubmittedAt: Type.Union([DateTime, Type.Null()]),
  },
  strict,
);
export type QueueItem = Static<typeof QueueItem>;

const Count = Type.Integer({ minimum: 0 });
function countsOf<const T extends readonly string[]>(values: T) {
  return Type.Object(Object.fromEntries(values.map((v) => [v, Count])) as { [K in T[number]]: typeof Count }, strict);
}

/** Counts per filter value, each under the other filters in force (so a chosen value still shows its siblings). */
export const QueueCounts = Type.Object(
  {
    concern: countsOf(['lesion', 'rash', 'other'] as const),
    ageGroup: countsOf(AGE_GROUPS),
    priority: countsOf(TRIAGE_PRIORITIES),
    review: countsOf(REVIEW_STATES),
  },
  strict,
);
export type QueueCounts = Static<typeof QueueCounts>;

export const QueuePage = Type.Object(
  {
    items: Type.Array(QueueItem),
    /** Pass back as `cursor` for the next page; null on the last page. */
    nextCursor: Type.Union([Type.String(), Type.Null()]),
    /** Cases matching all filters. */
    total: Type.Integer({ minimum: 0 }),
    counts: QueueCounts,
  },
  strict,
);
export type QueuePage = Static<typeof QueuePage>;

export const ReviewCaseParams = Type.Object({ id: Uuid }, strict);
export type ReviewCaseParams = Static<typeof ReviewCaseParams>;

export const ReassignBody = Type.Object({ dermatologistId: Uuid }, strict);
export type ReassignBody = Static<typeof ReassignBody>;

export const ClaimState = Type.Object(
  {
    id: Uuid,
    caseNumber: Type.String(),
    status: CaseStatusSchema,
    assignedTo: Type.Union([Uuid, Type.Null()]),
    claimedAt: Type.Union([DateTime, Type.Null()]),
  },
  strict,
);
export type ClaimState = Static<typeof ClaimState>;
