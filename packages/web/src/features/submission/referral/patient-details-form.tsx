import type { PatientDetailsField } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../ui/text-field.tsx';
import { localToday } from '../field-errors.ts';
import type { PatientDetailsErrors, PatientDetailsValues } from './patient-details-values.ts';

/** Name, date of birth and one identifier (NHS number, or a local record number with its issuing system). */
export function PatientDetailsFields({
  values,
  errors,
  onChange,
}: {
  values: PatientDetailsValues;
  errors: PatientDetailsErrors;
  onChange: (next: PatientDetailsValues) => void;
}) {
  const { t } = useTranslation();
  const set = (field: keyof PatientDetailsValues) => (event: { currentTarget: { value: string } }) =>
    onChange({ ...values, [field]: event.currentTarget.value });
  const errorOf = (field: PatientDetailsField) => {
    const code = errors[field];
    return code ? t(`referral.errors.${code}`) : null;
  };
  const isNhs = values.identifierKind === 'nhs';
  return (
    <>
      <TextField
        id="patient-given-name"
        label={t('referral.givenName')}
        autoComplete="off"
        value={values.givenName}
        onChange={set('givenName')}
        error={errorOf('givenName')}
      />
      <TextField
        id="patient-family-name"
        label={t('referral.familyName')}
        autoComplete="off"
        value={values.familyName}
        onChange={set('familyName')}
        error={errorOf('familyName')}
      />
      <TextField
        id="patient-birth-date"
        type="date"
        label={t('referral.birthDate')}
        className="input-short"
        max={localToday()}
        value={values.birthDate}
        onChange={set('birthDate')}
        error={errorOf('birthDate')}
      />
      <fieldset className="field choice-field">
        <legend>{t('referral.identifierKind')}</legend>
        <div className="choices">
          {(['nhs', 'mrn'] as const).map((kind) => (
            <label key={kind} className="choice">
              <input
                type="radio"
                name="patient-identifier-kind"
                value={kind}
                checked={values.identifierKind === kind}
                onChange={() => onChange({ ...values, identifierKind: kind })}
              />
              <span>{t(kind === 'nhs' ? 'referral.nhsNumber' : 'referral.mrn')}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextField
        id="patient-identifier"
        label={t(isNhs ? 'referral.nhsNumber' : 'referral.mrnValue')}
        hint={isNhs ? t('referral.nhsNumberHint') : undefined}
        inputMode={isNhs ? 'numeric' : 'text'}
        autoComplete="off"
        className="input-short"
        value={values.identifierValue}
        onChange={set('identifierValue')}
        error={errorOf('identifierValue')}
      />
      {isNhs ? null : (
        <TextField
          id="patient-identifier-system"
          label={t('referral.mrnSystem')}
          hint={t('referral.mrnSystemHint')}
          type="url"
          autoComplete="off"
          value={values.identifierSystem}
          onChange={set('identifierSystem')}
          error={errorOf('identifierSystem')}
        />
      )}
    </>
  );
}
