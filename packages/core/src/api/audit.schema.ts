import { type Static, Type } from '@sinclair/typebox';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const AuditOutcome = Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')]);

export const AuditEvent = Type.Object(
  {
    seq: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    userId: Nullable(Type.String()),
    role: Nullable(Type.String()),
    action: Type.String(),
    objectType: Nullable(Type.String()),
    objectId: Nullable(Type.String()),
    patientId: Nullable(Type.String()),
    ip: Nullable(Type.String()),
    userAgent: Nullable(Type.String()),
    outcome: AuditOutcome,
  },
  strict,
);
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditQuery = Type.Object(
  {
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'return events with seq below this (keyset)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    userId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  strict,
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEventPage = Type.Object(
  { events: Type.Array(AuditEvent), nextBefore: Nullable(Type.Integer()) },
  strict,
);
export type AuditEventPage = Static<typeof AuditEventPage>;

export const AuditVerification = Type.Object(
  { ok: Type.Boolean(), checked: Type.Integer(), firstBrokenSeq: Nullable(Type.Integer()) },
  strict,
);
export type AuditVerification = Static<typeof AuditVerification>;
