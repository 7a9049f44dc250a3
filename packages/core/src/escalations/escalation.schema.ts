import { type Static, Type } from '@sinclair/typebox';
import { AnnotationVisibilitySchema, CaseViewPhoto, WebAnnotationSchema } from '../api/case-review.schema.ts';
import { CaseStatusSchema, ConcernSchema } from '../api/cases.schema.ts';
import { DispositionSchema } from '../api/responses.schema.ts';
import { AgeGroupSchema, TriagePrioritySchema } from '../api/review.schema.ts';
import { ESCALATION_STATUSES } from './escalation-status.ts';

// The escalation API (issue 6): the dermatologist escalates, specialists claim and answer, admins govern.
const strict = { additionalProperties: false } as const;
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const EscalationStatusSchema = Type.Union(ESCALATION_STATUSES.map((s) => Type.Literal(s)));
export const EscalationParams = Type.Object({ id: Uuid }, strict);
export type EscalationParams = Static<typeof EscalationParams>;

export const EscalateBody = Type.Object(
  {
    specialistType: Type.String({ minLength: 1, maxLength: 64 }),
    /** A named, available specialist of that type; without one the whole type's queue sees it. */
    specialistId: Type.Optional(Uuid),
    question: Text(2000),
    routingNote: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  strict,
);
export type EscalateBody = Static<typeof EscalateBody>;

export const ConsultationContent = Type.Object(
  {
    assessment: Type.String({ maxLength: 8000 }),
    answer: Type.String({ maxLength: 8000 }),
    recommendation: Type.String({ maxLength: 8000 }),
    suggestedDisposition: Type.Union([DispositionSchema, Type.Null()]),
  },
  strict,
);
export type ConsultationContent = Static<typeof ConsultationContent>;

export const ConsultationAmendmentBody = Type.Object({ reason: Text(1000), text: Text(8000) }, strict);
export type ConsultationAmendmentBody = Static<typeof ConsultationAmendmentBody>;

export const ConsultationAmendment = Type.Object(
  { id: Uuid, reason: Type.String(), text: Type.String(), createdAt: DateTime },
  strict,
);
export const ConsultationNote = Type.Object(
  {
    id: Uuid,
    assessment: Type.String(),
    answer: Type.String(),
    recommendation: Type.String(),
    suggestedDisposition: DispositionSchema,
    signedBy: Type.String(),
    signedAt: DateTime,
    amendments: Type.Array(ConsultationAmendment),
  },
  strict,
);
export type ConsultationNote = Static<typeof ConsultationNote>;

/** One escalation with its governance facts: who, when, why, to whom, time to claim and to answer, outcome. */
export const Escalation = Type.Object(
  {
    id: Uuid,
    caseId: Uuid,
    status: EscalationStatusSchema,
    specialistType: Type.String(),
    requestedSpecialistId: Type.Union([Uuid, Type.Null()]),
    question: Type.String(),
    routingNote: Nullable(Type.String()),
    escalatedBy: Type.String(),
    escalatedAt: DateTime,
    claimedBy: Nullable(Type.String()),
    claimedAt: Nullable(DateTime),
    answeredAt: Nullable(DateTime),
    withdrawnAt: Nullable(DateTime),
    minutesToClaim: Type.Union([Type.Integer(), Type.Null()]),
    minutesToAnswer: Type.Union([Type.Integer(), Type.Null()]),
    note: Type.Union([ConsultationNote, Type.Null()]),
  },
  strict,
);
export type Escalation = Static<typeof Escalation>;
export const EscalationList = Type.Object({ escalations: Type.Array(Escalation) }, strict);
export type EscalationList = Static<typeof EscalationList>;

/** What a specialist of the type sees before claiming: minimum necessary, no name, no images. */
export const SpecialistQueueEntry = Type.Object(
  {
    id: Uuid,
    question: Type.String(),
    concern: ConcernSchema,
    ageGroup: Type.Union([AgeGroupSchema, Type.Null()]),
    priority: TriagePrioritySchema,
    escalatedAt: DateTime,
    /** Named for the caller, or for the whole type. */
    namedForMe: Type.Boolean(),
    status: EscalationStatusSchema,
  },
  strict,
);
export type SpecialistQueueEntry = Static<typeof SpecialistQueueEntry>;
export const SpecialistQueue = Type.Object(
  { open: Type.Array(SpecialistQueueEntry), mine: Type.Array(SpecialistQueueEntry) },
  strict,
);
export type SpecialistQueue = Static<typeof SpecialistQueue>;

export const SpecialistAnnotation = Type.Object(
  { id: Uuid, photoId: Uuid, visibility: AnnotationVisibilitySchema, annotation: WebAnnotationSchema },
  strict,
);

/** The claimed case for its specialist, question on top; after signing, the case as it was when they answered. */
export const SpecialistCaseView = Type.Object(
  {
    escalation: Escalation,
    case: Type.Object(
      {
        id: Uuid,
        caseNumber: Type.String(),
        concern: ConcernSchema,
        status: CaseStatusSchema,
        ageGroup: Type.Union([AgeGroupSchema, Type.Null()]),
        priority: TriagePrioritySchema,
        intake: Type.Unknown(),
        photos: Type.Array(CaseViewPhoto),
        annotations: Type.Array(SpecialistAnnotation),
        /** The dermatologist's working draft (as it was at signing, once signed). */
        workingNotes: Type.Unknown(),
      },
      strict,
    ),
    draft: Type.Union([ConsultationContent, Type.Null()]),
    /** True once signed: the case is frozen as it was at signing. */
    isFrozen: Type.Boolean(),
  },
  strict,
);
export type SpecialistCaseView = Static<typeof SpecialistCaseView>;

export const SpecialistAvailabilityBody = Type.Object({ isAvailable: Type.Boolean() }, strict);
export type SpecialistAvailabilityBody = Static<typeof SpecialistAvailabilityBody>;
export const SpecialistAvailability = Type.Object({ userId: Uuid, isAvailable: Type.Boolean() }, strict);

/** For admins: metadata only (no question text, no images, no patient). */
export const OverdueEscalation = Type.Object(
  {
    id: Uuid,
    caseNumber: Type.String(),
    specialistType: Type.String(),
    status: EscalationStatusSchema,
    escalatedAt: DateTime,
    dueAt: DateTime,
    claimedBy: Nullable(Type.String()),
  },
  strict,
);
export const OverdueEscalationList = Type.Object({ escalations: Type.Array(OverdueEscalation) }, strict);
export type OverdueEscalationList = Static<typeof OverdueEscalationList>;
