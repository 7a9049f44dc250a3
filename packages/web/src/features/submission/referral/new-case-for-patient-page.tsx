import type { CurrentConsent, PatientDetails } from '@dermis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { createCaseForPatient, getCurrentConsent } from '../../../api/cases.ts';
import { LoadError } from '../../../ui/load-error.tsx';
import { Loading } from '../../../ui/loading.tsx';
import { Notice } from '../../../ui/notice.tsx';
import { PageHeading } from '../../../ui/page-heading.tsx';
import { useLoad } from '../../../ui/use-load.ts';
import { EmergencyAdvice } from '../consent-panel.tsx';
import { localToday } from '../field-errors.ts';
import { ConcernStep } from '../new-case-page.tsx';
import { PatientDetailsFields } from './patient-details-form.tsx';
import {
  checkPatientDetailsValues,
  EMPTY_PATIENT_DETAILS,
  type PatientDetailsErrors,
  type PatientDetailsValues,
  patientDetailsErrorsOf,
} from './patient-details-values.ts';
import { patientName } from './patient-label.ts';
import { ResponsibilityNote } from './responsibility-note.tsx';

/**
 * `/cases/new-for-patient` (referring clinicians, Advice & Guidance): the patient's details and the clinician's
 * attestation of the patient's consent, then the presenting concern, which opens the draft on the server. From
 * there the patient wizard continues unchanged (intake, body sites, photos, review, send).
 */
export function NewCaseForPatientPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language.startsWith('es') ? 'es' : 'en';
  const [consentState, reloadConsent] = useLoad((signal) => getCurrentConsent(locale, signal), [locale]);
  const [values, setValues] = useState<PatientDetailsValues>(EMPTY_PATIENT_DETAILS);
  const [ready, setReady] = useState<{ details: PatientDetails; version: string } | null>(null);
  // Problems the server found with details the page accepted (e.g. a date of birth at a date-line edge).
  const [serverErrors, setServerErrors] = useState<PatientDetailsErrors>({});

  if (consentState.status === 'loading') return <Loading />;
  if (consentState.status === 'error') {
    return (
      <div className="page">
        <LoadError error={consentState.error} onRetry={reloadConsent} />
      </div>
    );
  }
  if (ready) {
    return (
      <ConcernStep
        caption={t('referral.caption', { name: patientName(ready.details) })}
        createDraft={async (concern) => {
          try {
            return await createCaseForPatient({
              concern,
              patient: ready.details,
              attestation: { version: ready.version },
            });
          } catch (caught) {
            const fieldErrors = patientDetailsErrorsOf(caught);
            if (fieldErrors) {
              setServerErrors(fieldErrors);
              setReady(null);
            }
            throw caught;
          }
        }}
        backAction={
          <button type="button" className="button button-secondary" onClick={() => setReady(null)}>
            {t('referral.changeDetails')}
          </button>
        }
      />
    );
  }
  return (
    <DetailsStep
      consent={consentState.data}
      values={values}
      initialErrors={serverErrors}
      onChange={setValues}
      onContinue={(details) => setReady({ details, version: consentState.data.version })}
    />
  );
}

function DetailsStep({
  consent,
  values,
  initialErrors,
  onChange,
  onContinue,
}: {
  consent: CurrentConsent;
  values: PatientDetailsValues;
  initialErrors: PatientDetailsErrors;
  onChange: (next: PatientDetailsValues) => void;
  onContinue: (details: PatientDetails) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<PatientDetailsErrors>(initialErrors);
  const [isAttested, setAttested] = useState(false);
  const [isAttestationMissing, setAttestationMissing] = useState(false);
  const [hasTried, setTried] = useState(Object.keys(initialErrors).length > 0);

  function next() {
    const checked = checkPatientDetailsValues(values, localToday());
    setErrors(checked.errors);
    setAttestationMissing(!isAttested);
    setTried(true);
    if (checked.details && isAttested) onContinue(checked.details);
  }

  const hasProblems = hasTried && (Object.keys(errors).length > 0 || isAttestationMissing);
  return (
    <div className="page wizard" data-testid="new-case-for-patient">
      <p className="wizard-case">{t('referral.newTitle')}</p>
      <PageHeading>{t('referral.detailsTitle')}</PageHeading>
      <ResponsibilityNote />
      {hasProblems ? <Notice tone="error">{t('referral.checkDetails')}</Notice> : null}
      <form
        className="form wizard-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          next();
        }}
      >
        <p>{t('referral.detailsIntro')}</p>
        <PatientDetailsFields
          values={values}
          errors={errors}
          onChange={(nextValues) => {
            onChange(nextValues);
            if (hasTried) setErrors(checkPatientDetailsValues(nextValues, localToday()).errors);
          }}
        />
        <section className="attestation" aria-labelledby="attestation-title">
          <h2 id="attestation-title">{t('referral.attestationTitle')}</h2>
          <p>{t('referral.attestationIntro')}</p>
          <EmergencyAdvice text={consent.emergencyAdvice} />
          <details className="attestation-consent">
            <summary>{t('referral.readConsent', { title: consent.title, version: consent.version })}</summary>
            {consent.sections.map((section) => (
              <section key={section.heading} className="consent-section">
                <h3>{section.heading}</h3>
                <p>{section.body}</p>
              </section>
            ))}
          </details>
          <div className={isAttestationMissing ? 'field field-invalid' : 'field'}>
            {isAttestationMissing ? (
              <p id="attestation-error" className="field-error">
                {t('referral.attestRequired')}
              </p>
            ) : null}
            <label className="choice">
              <input
                type="checkbox"
                name="attestation"
                checked={isAttested}
                aria-invalid={isAttestationMissing ? true : undefined}
                aria-describedby={isAttestationMissing ? 'attestation-error' : undefined}
                onChange={(event) => {
                  setAttested(event.currentTarget.checked);
                  if (event.currentTarget.checked) setAttestationMissing(false);
                }}
              />
              <span>{t('referral.attest', { version: consent.version })}</span>
            </label>
          </div>
        </section>
        <div className="wizard-actions">
          <button type="submit" className="button">
            {t('referral.continue')}
          </button>
          <button type="button" className="button-link" onClick={() => navigate('/')}>
            {t('referral.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
