import { type Static, Type } from '@sinclair/typebox';
import { Email, RoleSchema } from './auth.schema.ts';

const strict = { additionalProperties: false } as const;
const StaffRole = Type.Union(
  (['referring_clinician', 'dermatologist', 'specialist', 'admin', 'auditor'] as const).map((r) => Type.Literal(r)),
);

export const AdminUser = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    specialistType: Type.Union([Type.String(), Type.Null()]),
    hasSecondFactor: Type.Boolean(),
    disabled: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  strict,
);
export type AdminUser = Static<typeof AdminUser>;

export const AdminUserList = Type.Object({ users: Type.Array(AdminUser) }, strict);
export type AdminUserList = Static<typeof AdminUserList>;

export const CreateStaffBody = Type.Object(
  {
    email: Email,
    displayName: Type.String({ minLength: 1, maxLength: 120 }),
    role: StaffRole,
    specialistType: Type.Optional(Type.String({ maxLength: 64 })),
  },
  strict,
);
export type CreateStaffBody = Static<typeof CreateStaffBody>;

export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(StaffRole),
    specialistType: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    disabled: Type.Optional(Type.Boolean()),
  },
  { ...strict, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const UserIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);

export const SpecialistTypeList = Type.Object(
  { types: Type.Array(Type.Object({ code: Type.String(), name: Type.String() }, strict)) },
  strict,
);
export type SpecialistTypeList = Static<typeof SpecialistTypeList>;

export const OutboxJob = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    topic: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('dead')]),
    attempts: Type.Integer(),
    lastError: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    availableAt: Type.String({ format: 'date-time' }),
  },
  strict,
);
export type OutboxJob = Static<typeof OutboxJob>;
export const OutboxJobList = Type.Object({ jobs: Type.Array(OutboxJob) }, strict);
export type OutboxJobList = Static<typeof OutboxJobList>;
export const JobIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);
