import { type CasePatient, NHS_NUMBER_SYSTEM } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../../ui/date-format.ts';
import { patientName } from './patient-label.ts';
import { ResponsibilityNote } from './responsibility-note.tsx';

/** On a referring clinician's case page: the patient as they entered them, and whose responsibility care stays. */
export function CasePatientPanel({ patient }: { patient: CasePatient }) {
  const { t, i18n } = useTranslation();
  const identifier = patient.identifier;
  return (
    <section className="panel" aria-labelledby="case-patient-title" data-testid="case-patient">
      <h2 id="case-patient-title">{t('referral.patientTitle')}</h2>
      <dl className="details">
        <dt>{t('referral.name')}</dt>
        <dd>{patientName(patient)}</dd>
        <dt>{t('referral.birthDate')}</dt>
        <dd>{formatCalendarDate(patient.birthDate, i18n.language)}</dd>
        {identifier ? (
          <>
            <dt>{identifier.system === NHS_NUMBER_SYSTEM ? t('referral.nhsNumber') : t('referral.mrn')}</dt>
            <dd>
              {identifier.system === NHS_NUMBER_SYSTEM
                ? identifier.value.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3')
                : `${identifier.value} (${identifier.system})`}
            </dd>
          </>
        ) : null}
      </dl>
      <ResponsibilityNote />
    </section>
  );
}
