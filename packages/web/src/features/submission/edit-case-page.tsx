import {
  type CaseBodySite,
  type CaseDetail,
  type IntakeValidationError,
  intakeQuestionnaires,
  validateResponse,
} from '@dermis/core';
import type { Questionnaire, QuestionnaireResponse } from 'fhir/r4.js';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { getCase, saveBodySites, saveIntake } from '../../api/cases.ts';
import { ApiError } from '../../api/client.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { Notice } from '../../ui/notice.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { type BodySiteChoice, BodySitesPicker } from './body-sites-step.tsx';
import { intakeErrorsOf, localToday, toFieldErrors } from './field-errors.ts';
import { responseToSave, valuesFromResponse } from './intake-form-values.ts';
import { IntakePageForm } from './intake-page-form.tsx';
import { INTAKE_PAGE_IDS, pageItems, pageOfLinkId } from './intake-pages.ts';
import { intakeTextFor } from './intake-text.ts';
import { PhotosStep } from './photos/photos-step.tsx';
import { patientName } from './referral/patient-label.ts';
import { ReviewStep } from './review-step.tsx';
import { StepProgress } from './step-progress.tsx';
import { useIntakeValues } from './use-intake-values.ts';
import { isIntakePage, isWizardStep, nextStep, previousStep, stepPath, type WizardStep } from './wizard-steps.ts';

/** Where a reopened draft continues: the first page with a missing or wrong answer, then sites, then review. */
export function resumeStep(questionnaire: Questionnaire, detail: CaseDetail): WizardStep {
  const response = (detail.intake.response as QuestionnaireResponse | null) ?? responseToSave(questionnaire, {});
  const errors = validateResponse(questionnaire, response, { today: localToday(), requireAnswers: true });
  for (const page of INTAKE_PAGE_IDS) {
    if (errors.some((e) => e.linkId !== undefined && pageOfLinkId(questionnaire, e.linkId) === page)) return page;
  }
  return detail.bodySites.length === 0 ? 'body-sites' : 'review';
}

/** `/cases/:id/edit/:step`: a draft, one step at a time; the draft lives on the server. */
export function EditCasePage() {
  const { t } = useTranslation();
  const { id = '', step } = useParams();
  const [state, reload] = useLoad((signal) => getCase(id, signal), [id]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <div className="page">
        <LoadError error={state.error} onRetry={reload} />
      </div>
    );
  }
  const detail = state.data;
  if (detail.status !== 'draft') return <Navigate to={`/cases/${encodeURIComponent(id)}`} replace />;
  const questionnaire = intakeQuestionnaires.find(detail.questionnaire);
  if (!questionnaire) {
    return (
      <div className="page">
        <Notice tone="error">{t('submission.intakeErrors.QUESTIONNAIRE_UNKNOWN')}</Notice>
      </div>
    );
  }
  if (!isWizardStep(step)) return <Navigate to={stepPath(id, resumeStep(questionnaire, detail))} replace />;
  return <CaseWizard detail={detail} questionnaire={questionnaire} step={step} onReload={reload} />;
}

function CaseWizard({
  detail,
  questionnaire,
  step,
  onReload,
}: {
  detail: CaseDetail;
  questionnaire: Questionnaire;
  step: WizardStep;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const text = useMemo(() => intakeTextFor(i18n.language), [i18n.language]);
  const initial = useMemo(
    () => valuesFromResponse(questionnaire, detail.intake.response as QuestionnaireResponse | null),
    [questionnaire, detail],
  );
  const form = useIntakeValues(questionnaire, initial);
  const [version, setVersion] = useState(detail.intake.version);
  const [bodySites, setBodySites] = useState<CaseBodySite[]>(detail.bodySites);
  const [errors, setErrors] = useState<IntakeValidationError[]>([]);
  const [hasConflict, setConflict] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [siteProblem, setSiteProblem] = useState<string | null>(null);
  const fieldErrors = useMemo(() => toFieldErrors(errors), [errors]);

  function handleSaveError(caught: unknown) {
    if (caught instanceof ApiError && caught.code === 'INTAKE_VERSION_CONFLICT') setConflict(true);
    else if (caught instanceof ApiError && caught.code === 'INTAKE_INVALID') setErrors(intakeErrorsOf(caught));
    else setFailure(caught);
  }

  /** Saves the answers if they changed; false (with the problems shown) when they cannot be saved. */
  async function saveAnswers(): Promise<{ ok: boolean; response: QuestionnaireResponse }> {
    const response = responseToSave(questionnaire, form.values);
    const draftErrors = validateResponse(questionnaire, response, { today: localToday(), requireAnswers: false });
    if (draftErrors.length > 0) {
      setErrors(draftErrors);
      return { ok: false, response };
    }
    if (!form.isDirty) return { ok: true, response };
    try {
      const saved = await saveIntake(detail.id, version, response as Parameters<typeof saveIntake>[2]);
      setVersion(saved.version);
      form.markSaved();
      return { ok: true, response };
    } catch (caught) {
      handleSaveError(caught);
      return { ok: false, response };
    }
  }

  async function goTo(target: WizardStep | '/', options: { checkComplete: boolean }) {
    setBusy(true);
    setFailure(null);
    setSiteProblem(null);
    try {
      if (isIntakePage(step)) {
        const { ok, response } = await saveAnswers();
        if (!ok) return;
        if (options.checkComplete) {
          const pageErrors = validateResponse(questionnaire, response, {
            today: localToday(),
            requireAnswers: true,
          }).filter((e) => e.linkId !== undefined && pageOfLinkId(questionnaire, e.linkId) === step);
          setErrors(pageErrors);
          if (pageErrors.length > 0) return;
        } else {
          setErrors([]);
        }
      }
      if (step === 'body-sites' && options.checkComplete && bodySites.length === 0) {
        setSiteProblem(t('bodySites.needOne'));
        return;
      }
      navigate(target === '/' ? '/' : stepPath(detail.id, target));
    } finally {
      setBusy(false);
    }
  }

  async function changeSites(next: BodySiteChoice[]) {
    setBusy(true);
    setFailure(null);
    setSiteProblem(null);
    try {
      const saved = await saveBodySites(detail.id, next);
      setBodySites(saved.bodySites);
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  }

  const next = nextStep(step);
  const previous = previousStep(step);
  const title = t(`submission.steps.${step}`);

  return (
    <div className="page wizard">
      <p className="wizard-case">
        {detail.patient
          ? t('referral.caseFor', { number: detail.caseNumber, name: patientName(detail.patient) })
          : t('submission.editTitle', { number: detail.caseNumber })}
      </p>
      <StepProgress step={step} />
      <PageHeading>{title}</PageHeading>
      {detail.patient && step !== 'review' ? <p className="wizard-hint">{t('referral.answerForPatient')}</p> : null}
      {hasConflict ? (
        <Notice tone="error">
          <p>{t('submission.conflict')}</p>
          <button type="button" className="button button-secondary" onClick={onReload}>
            {t('submission.reload')}
          </button>
        </Notice>
      ) : null}
      {failure ? <Notice tone="error">{errorText(failure)}</Notice> : null}

      {step === 'photos' ? (
        <PhotosStep
          caseId={detail.id}
          bodySites={bodySites}
          text={text}
          onBack={() => navigate(stepPath(detail.id, 'body-sites'))}
          onContinue={() => navigate(stepPath(detail.id, 'review'))}
          onExit={() => navigate('/')}
        />
      ) : step === 'review' ? (
        <ReviewStep
          detail={detail}
          questionnaire={questionnaire}
          intakeVersion={version}
          response={responseToSave(questionnaire, form.values)}
          bodySites={bodySites}
          text={text}
          onConflict={() => setConflict(true)}
        />
      ) : (
        <form
          className="form wizard-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (next) void goTo(next, { checkComplete: true });
          }}
        >
          {isIntakePage(step) ? (
            <IntakePageForm
              questionnaire={questionnaire}
              topLevel={pageItems(questionnaire, step)}
              values={form.values}
              errors={fieldErrors}
              text={text}
              handlers={form.handlers}
            />
          ) : (
            <>
              <p>{t(detail.patient ? 'referral.bodySitesIntro' : 'bodySites.intro')}</p>
              {siteProblem ? <Notice tone="error">{siteProblem}</Notice> : null}
              <BodySitesPicker
                chosen={bodySites}
                text={text}
                isBusy={isBusy}
                isOnBehalf={detail.patient !== undefined}
                onChange={changeSites}
              />
            </>
          )}
          <div className="wizard-actions">
            <button type="submit" className="button" disabled={isBusy || hasConflict}>
              {isBusy ? t('submission.saving') : t('submission.continue')}
            </button>
            {previous ? (
              <button
                type="button"
                className="button button-secondary"
                disabled={isBusy || hasConflict}
                onClick={() => void goTo(previous, { checkComplete: false })}
              >
                {t('submission.back')}
              </button>
            ) : null}
            <button
              type="button"
              className="button-link"
              disabled={isBusy || hasConflict}
              onClick={() => void goTo('/', { checkComplete: false })}
            >
              {t('submission.saveAndExit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
