import { type CreateStaffBody, STAFF_ROLES } from '@dermis/core';

export type StaffRole = CreateStaffBody['role'];

/** Roles an admin can give; patients sign themselves up. */
export const ASSIGNABLE_ROLES: readonly StaffRole[] = STAFF_ROLES;

export function isStaffRole(value: string): value is StaffRole {
  return (ASSIGNABLE_ROLES as readonly string[]).includes(value);
}
