import type { CasePatient } from '@dermis/core';

/** "Jane Doe": how a referring clinician's screens name the patient of a case. */
export function patientName(patient: Pick<CasePatient, 'givenName' | 'familyName'>): string {
  return `${patient.givenName} ${patient.familyName}`;
}
