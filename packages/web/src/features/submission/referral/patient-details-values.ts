import {
  checkPatientDetails,
  NHS_NUMBER_SYSTEM,
  PATIENT_DETAILS_ERROR_CODES,
  type PatientDetails,
  type PatientDetailsErrorCode,
  type PatientDetailsField,
} from '@dermis/core';
import { ApiError } from '../../../api/client.ts';

/** What the GP typed: an NHS number, or a local record number with the system that issued it. */
export interface PatientDetailsValues {
  givenName: string;
  familyName: string;
  birthDate: string;
  identifierKind: 'nhs' | 'mrn';
  identifierValue: string;
  identifierSystem: string;
}

export const EMPTY_PATIENT_DETAILS: PatientDetailsValues = {
  givenName: '',
  familyName: '',
  birthDate: '',
  identifierKind: 'nhs',
  identifierValue: '',
  identifierSystem: '',
};

export type PatientDetailsErrors = Partial<Record<PatientDetailsField, PatientDetailsErrorCode>>;

/** The form's values as the API's details, checked with the same core rules the server applies. */
export function checkPatientDetailsValues(
  values: PatientDetailsValues,
  today: string,
): { errors: PatientDetailsErrors; details: PatientDetails | null } {
  const { errors, details } = checkPatientDetails(
    {
      givenName: values.givenName,
      familyName: values.familyName,
      birthDate: values.birthDate,
      identifier: {
        system: values.identifierKind === 'nhs' ? NHS_NUMBER_SYSTEM : values.identifierSystem,
        value: values.identifierValue,
      },
    },
    { today },
  );
  return { errors: Object.fromEntries(errors.map((e) => [e.field, e.code])), details };
}

const FIELDS: readonly PatientDetailsField[] = [
  'givenName',
  'familyName',
  'birthDate',
  'identifierValue',
  'identifierSystem',
];

/**
 * The server's PATIENT_DETAILS_INVALID answer as field errors (`path` is `patient/<field>`, `code` a core
 * code), so the form can mark the fields; null for any other error.
 */
export function patientDetailsErrorsOf(error: unknown): PatientDetailsErrors | null {
  if (!(error instanceof ApiError) || error.code !== 'PATIENT_DETAILS_INVALID') return null;
  const errors: PatientDetailsErrors = {};
  for (const e of error.problem?.errors ?? []) {
    const field = FIELDS.find((f) => e.path === `patient/${f}`);
    const code = Object.keys(PATIENT_DETAILS_ERROR_CODES).find((c) => c === e.code) as
      | PatientDetailsErrorCode
      | undefined;
    if (field && code && !errors[field]) errors[field] = code;
  }
  return errors;
}
