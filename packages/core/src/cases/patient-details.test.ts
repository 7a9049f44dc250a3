import { describe, expect, it } from 'vitest';
import { checkPatientDetails, isValidNhsNumber, NHS_NUMBER_SYSTEM, type PatientDetails } from './patient-details.ts';

const TODAY = '2026-11-25';
const valid: PatientDetails = {
  givenName: 'Jane',
  familyName: 'Doe',
  birthDate: '1970-03-14',
  identifier: { system: NHS_NUMBER_SYSTEM, value: '943 476 5919' },
};

describe('isValidNhsNumber (Modulus 11)', () => {
  it.each([
    ['9434765919', true, 'the NHS Digital test number'],
    ['4010232137', true, 'check digit computed as 7'],
    ['9434765918', false, 'last digit changed'],
    ['9434765991', false, 'two digits swapped (a typical typing error)'],
    ['1000000010', false, 'first nine digits give check value 10, so no number is valid'],
    ['943476591', false, 'nine digits'],
    ['94347659190', false, 'eleven digits'],
    ['94347659I9', false, 'a letter among the digits'],
  ])('%s → %s (%s)', (digits, expected) => {
    expect(isValidNhsNumber(digits)).toBe(expected);
  });
});

describe('checkPatientDetails', () => {
  it('accepts valid details and normalises them (NHS number as 10 digits, names trimmed)', () => {
    const result = checkPatientDetails(
      { ...valid, givenName: '  Jane  Anne ', familyName: 'O’Brien-Smith' },
      { today: TODAY },
    );
    expect(result.errors).toEqual([]);
    expect(result.details).toEqual({
      givenName: 'Jane Anne',
      familyName: 'O’Brien-Smith',
      birthDate: '1970-03-14',
      identifier: { system: NHS_NUMBER_SYSTEM, value: '9434765919' },
    });
  });

  it('accepts a local MRN with its issuing system', () => {
    const result = checkPatientDetails(
      { ...valid, identifier: { system: 'https://practice.example.nhs.uk/mrn', value: 'A-10293/7' } },
      { today: TODAY },
    );
    expect(result.errors).toEqual([]);
    expect(result.details?.identifier).toEqual({ system: 'https://practice.example.nhs.uk/mrn', value: 'A-10293/7' });
  });

  it.each<[string, Partial<PatientDetails>, { field: string; code: string }]>([
    ['empty given name', { givenName: '   ' }, { field: 'givenName', code: 'NAME_REQUIRED' }],
    [
      'family name over 100 characters',
      { familyName: 'x'.repeat(101) },
      { field: 'familyName', code: 'NAME_TOO_LONG' },
    ],
    ['digits in a name', { familyName: 'D0e' }, { field: 'familyName', code: 'NAME_NOT_ALLOWED' }],
    ['markup in a name', { givenName: '<script>' }, { field: 'givenName', code: 'NAME_NOT_ALLOWED' }],
    ['no such calendar date', { birthDate: '1970-02-30' }, { field: 'birthDate', code: 'BIRTH_DATE_INVALID' }],
    ['not a date', { birthDate: '14/03/1970' }, { field: 'birthDate', code: 'BIRTH_DATE_INVALID' }],
    ['born tomorrow', { birthDate: '2026-11-26' }, { field: 'birthDate', code: 'BIRTH_DATE_IN_FUTURE' }],
    [
      'born 131 years ago (a wrong century)',
      { birthDate: '1895-11-24' },
      { field: 'birthDate', code: 'BIRTH_DATE_IMPLAUSIBLE' },
    ],
    [
      'NHS number with a wrong check digit',
      { identifier: { system: NHS_NUMBER_SYSTEM, value: '9434765918' } },
      { field: 'identifierValue', code: 'NHS_NUMBER_CHECK_DIGIT' },
    ],
    [
      'NHS number with nine digits',
      { identifier: { system: NHS_NUMBER_SYSTEM, value: '943476591' } },
      { field: 'identifierValue', code: 'NHS_NUMBER_FORMAT' },
    ],
    [
      'no identifier value',
      { identifier: { system: NHS_NUMBER_SYSTEM, value: ' ' } },
      { field: 'identifierValue', code: 'IDENTIFIER_REQUIRED' },
    ],
    [
      'MRN without an issuing system',
      { identifier: { system: '', value: 'A1' } },
      { field: 'identifierSystem', code: 'MRN_SYSTEM_INVALID' },
    ],
    [
      'MRN with spaces inside',
      { identifier: { system: 'urn:oid:1.2.3', value: 'A 1' } },
      { field: 'identifierValue', code: 'MRN_FORMAT' },
    ],
  ])('%s is refused', (_name, change, expected) => {
    const result = checkPatientDetails({ ...valid, ...change }, { today: TODAY });
    expect(result.details).toBeNull();
    expect(result.errors).toEqual([expected]);
  });

  it('born today and exactly 130 years ago are both plausible', () => {
    expect(checkPatientDetails({ ...valid, birthDate: TODAY }, { today: TODAY }).errors).toEqual([]);
    expect(checkPatientDetails({ ...valid, birthDate: '1896-11-25' }, { today: TODAY }).errors).toEqual([]);
  });

  it('reports every field with a problem at once', () => {
    const result = checkPatientDetails(
      { givenName: '', familyName: '', birthDate: '', identifier: { system: NHS_NUMBER_SYSTEM, value: '123' } },
      { today: TODAY },
    );
    expect(result.errors.map((e) => e.field)).toEqual(['givenName', 'familyName', 'birthDate', 'identifierValue']);
  });
});
