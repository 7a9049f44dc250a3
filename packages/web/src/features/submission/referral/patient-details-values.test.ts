import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client.ts';
import { checkPatientDetailsValues, EMPTY_PATIENT_DETAILS, patientDetailsErrorsOf } from './patient-details-values.ts';

const TODAY = '2026-11-25';
const filled = { ...EMPTY_PATIENT_DETAILS, givenName: 'Jane', familyName: 'Doe', birthDate: '1970-03-14' };

describe('checkPatientDetailsValues', () => {
  it('an NHS number is sent with the NHS system, as 10 digits', () => {
    const { errors, details } = checkPatientDetailsValues({ ...filled, identifierValue: '943 476 5919' }, TODAY);
    expect(errors).toEqual({});
    expect(details?.identifier).toEqual({ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' });
  });

  it('a local record number is sent with the system the GP gave; without one, that field is marked', () => {
    const mrn = { ...filled, identifierKind: 'mrn' as const, identifierValue: 'A123' };
    expect(checkPatientDetailsValues({ ...mrn, identifierSystem: 'urn:oid:1.2.3' }, TODAY).details?.identifier).toEqual(
      {
        system: 'urn:oid:1.2.3',
        value: 'A123',
      },
    );
    expect(checkPatientDetailsValues(mrn, TODAY).errors).toEqual({ identifierSystem: 'MRN_SYSTEM_INVALID' });
  });

  it('marks each field with its first problem (a wrong check digit, a date after today)', () => {
    const { errors, details } = checkPatientDetailsValues(
      { ...filled, birthDate: '2026-11-26', identifierValue: '9434765918' },
      TODAY,
    );
    expect(details).toBeNull();
    expect(errors).toEqual({ birthDate: 'BIRTH_DATE_IN_FUTURE', identifierValue: 'NHS_NUMBER_CHECK_DIGIT' });
  });
});

describe('patientDetailsErrorsOf', () => {
  it('reads the server’s field errors; other errors and unknown codes are not field errors', () => {
    const problem = {
      type: 'x',
      title: 'x',
      status: 400,
      code: 'PATIENT_DETAILS_INVALID',
      errors: [
        { path: 'patient/birthDate', message: 'm', code: 'BIRTH_DATE_IN_FUTURE' },
        { path: 'patient/givenName', message: 'm', code: 'SOMETHING_NEW' },
        { path: 'other', message: 'm', code: 'NAME_REQUIRED' },
      ],
    };
    expect(patientDetailsErrorsOf(new ApiError(400, 'PATIENT_DETAILS_INVALID', problem))).toEqual({
      birthDate: 'BIRTH_DATE_IN_FUTURE',
    });
    expect(patientDetailsErrorsOf(new ApiError(409, 'CONSENT_REQUIRED', null))).toBeNull();
    expect(patientDetailsErrorsOf(new Error('network'))).toBeNull();
  });
});
