/**
 * The patient a referring clinician (GP, Advice & Guidance) sends a case for: names, date of birth and one
 * identifier (NHS number or a local MRN with its issuing system). Checked here once; the web form shows the
 * same problems before sending and the server refuses what does not pass. Messages never quote the values.
 */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

export const PATIENT_DETAILS_ERROR_CODES = {
  NAME_REQUIRED: 'Enter the name.',
  NAME_TOO_LONG: 'The name is too long.',
  NAME_NOT_ALLOWED: 'The name contains characters that are not allowed.',
  BIRTH_DATE_INVALID: 'Enter a valid date of birth.',
  BIRTH_DATE_IN_FUTURE: 'The date of birth is in the future.',
  BIRTH_DATE_IMPLAUSIBLE: 'The date of birth is more than 130 years ago.',
  IDENTIFIER_REQUIRED: 'Enter the patient’s NHS number or local record number.',
  NHS_NUMBER_FORMAT: 'An NHS number has 10 digits.',
  NHS_NUMBER_CHECK_DIGIT: 'This is not a valid NHS number. Check each digit.',
  MRN_FORMAT: 'The record number may have up to 40 letters, digits, dots, dashes or slashes.',
  MRN_SYSTEM_INVALID: 'Enter the issuing system as a URI (https://… or urn:…).',
} as const satisfies Record<string, string>;

export type PatientDetailsErrorCode = keyof typeof PATIENT_DETAILS_ERROR_CODES;
export type PatientDetailsField = 'givenName' | 'familyName' | 'birthDate' | 'identifierValue' | 'identifierSystem';

export interface PatientDetailsError {
  field: PatientDetailsField;
  code: PatientDetailsErrorCode;
}

export interface PatientIdentifier {
  system: string;
  value: string;
}

export interface PatientDetails {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  identifier: PatientIdentifier;
}

const NAME_MAX = 100;
// The oldest documented human lived 122 years; anything older is a typing error (a wrong century).
const MAX_AGE_YEARS = 130;
const MRN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/;
const SYSTEM_PATTERN = /^(https?:\/\/[^\s/?#]+[^\s]*|urn:[a-z0-9][a-z0-9-]{0,31}:[^\s]+)$/i;
// Letters of any script, combining marks, spaces, apostrophes, hyphens and dots ("O’Brien", "Jean-Luc", "St. John").
const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u;

/**
 * NHS number check digit (NHS Data Dictionary, "NHS Number"): the first nine digits weighted 10 down to 2,
 * summed; 11 minus the remainder mod 11 is the check digit, 11 reads as 0, and 10 means no valid number.
 */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** Spaces and dashes as people write them ("943 476 5919") are removed; anything else is kept for the check. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

function normaliseName(input: string): string {
  return input.normalize('NFC').trim().replace(/\s+/g, ' ');
}

function checkName(field: 'givenName' | 'familyName', value: string): PatientDetailsError | null {
  if (value.length === 0) return { field, code: 'NAME_REQUIRED' };
  if (value.length > NAME_MAX) return { field, code: 'NAME_TOO_LONG' };
  if (!NAME_PATTERN.test(value)) return { field, code: 'NAME_NOT_ALLOWED' };
  return null;
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `today` is YYYY-MM-DD where the clinician is (the server allows the latest date anywhere, UTC+14). */
function checkBirthDate(value: string, today: string): PatientDetailsError | null {
  if (!isCalendarDate(value)) return { field: 'birthDate', code: 'BIRTH_DATE_INVALID' };
  if (value > today) return { field: 'birthDate', code: 'BIRTH_DATE_IN_FUTURE' };
  const oldest = `${String(Number(today.slice(0, 4)) - MAX_AGE_YEARS).padStart(4, '0')}${today.slice(4)}`;
  if (value < oldest) return { field: 'birthDate', code: 'BIRTH_DATE_IMPLAUSIBLE' };
  return null;
}

function checkIdentifier(input: PatientIdentifier): {
  errors: PatientDetailsError[];
  identifier: PatientIdentifier;
} {
  const system = input.system.trim();
  if (system === NHS_NUMBER_SYSTEM) {
    const value = normaliseNhsNumber(input.value);
    if (value.length === 0)
      return { errors: [{ field: 'identifierValue', code: 'IDENTIFIER_REQUIRED' }], identifier: input };
    if (!/^\d{10}$/.test(value))
      return { errors: [{ field: 'identifierValue', code: 'NHS_NUMBER_FORMAT' }], identifier: input };
    if (!isValidNhsNumber(value)) {
      return { errors: [{ field: 'identifierValue', code: 'NHS_NUMBER_CHECK_DIGIT' }], identifier: input };
    }
    return { errors: [], identifier: { system, value } };
  }
  const value = input.value.trim();
  const errors: PatientDetailsError[] = [];
  if (!SYSTEM_PATTERN.test(system) || system.length > 200) {
    errors.push({ field: 'identifierSystem', code: 'MRN_SYSTEM_INVALID' });
  }
  if (value.length === 0) errors.push({ field: 'identifierValue', code: 'IDENTIFIER_REQUIRED' });
  else if (!MRN_PATTERN.test(value)) errors.push({ field: 'identifierValue', code: 'MRN_FORMAT' });
  return { errors, identifier: { system, value } };
}

/**
 * Checks and normalises the details (names trimmed, NHS number as 10 digits). Returns every problem, one per
 * field, so a form can show them all at once; `details` only when there is none.
 */
export function checkPatientDetails(
  input: PatientDetails,
  options: { today: string },
): { errors: PatientDetailsError[]; details: PatientDetails | null } {
  const givenName = normaliseName(input.givenName);
  const familyName = normaliseName(input.familyName);
  const birthDate = input.birthDate.trim();
  const identifier = checkIdentifier(input.identifier);
  const errors = [
    checkName('givenName', givenName),
    checkName('familyName', familyName),
    checkBirthDate(birthDate, options.today),
    ...identifier.errors,
  ].filter((e): e is PatientDetailsError => e !== null);
  if (errors.length > 0) return { errors, details: null };
  return { errors, details: { givenName, familyName, birthDate, identifier: identifier.identifier } };
}
