/** Roles as DESIGN.md names them. One list, used by the server's access checks and the web app's menus. */
export const ROLES = ['patient', 'referring_clinician', 'dermatologist', 'specialist', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = ROLES.filter((r) => r !== 'patient') as Exclude<Role, 'patient'>[];

export function isStaff(role: Role): boolean {
  return role !== 'patient';
}

// DESIGN.md "Rules that are never bent": clinicians, admins and auditors need a second factor.
// A referring GP is a clinician too, so every role except patient must enrol.
export function isSecondFactorRequired(role: Role): boolean {
  return isStaff(role);
}

/** Seeded specialist types; the list is configuration (a table), these are the defaults. */
export const DEFAULT_SPECIALIST_TYPES = [
  { code: 'mohs_surgery', name: 'Mohs surgery' },
  { code: 'paediatric_dermatology', name: 'Paediatric dermatology' },
  { code: 'dermatopathology', name: 'Dermatopathology' },
] as const;
