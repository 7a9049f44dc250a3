import { type Concern, CURRENT_CONSENT_VERSION, intakeQuestionnaires, validateResponse } from '@dermis/core';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { createCase, saveIntake } from '../../api/cases.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { Notice } from '../../ui/notice.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useSignedInSession } from '../auth/index.ts';
import { hasAcceptedConsent } from './consent-memory.ts';
import { ConsentPanel } from './consent-panel.tsx';
import { intakeErrorsOf, localToday, toFieldErrors } from './field-errors.ts';
import { responseToSave } from './intake-form-values.ts';
import { IntakePageForm } from './intake-page-form.tsx';
import { pageItems, pageOfLinkId } from './intake-pages.ts';
import { intakeTextFor } from './intake-text.ts';
import { StepProgress } from './step-progress.tsx';
import { useIntakeValues } from './use-intake-values.ts';
import { stepPath } from './wizard-steps.ts';

const CONCERNS: readonly Concern[] = ['lesion', 'rash', 'other'];

/**
 * `/cases/new`: consent (unless this device knows the current version was accepted), then the presenting
 * concern. The draft is created on the server when the concern is saved, so it survives closing the browser.
 */
export function NewCasePage() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const navigate = useNavigate();
  const [hasConsent, setConsent] = useState(() => hasAcceptedConsent(user.id, CURRENT_CONSENT_VERSION));

  if (!hasConsent) {
    return (
      <div className="page wizard">
        <PageHeading>{t('submission.newTitle')}</PageHeading>
        <p>{t('consent.required')}</p>
        <ConsentPanel onAccepted={() => setConsent(true)} onDecline={() => navigate('/')} />
      </div>
    );
  }
  return <ConcernStep caption={t('submission.newTitle')} createDraft={(concern) => createCase(concern)} />;
}

/**
 * The presenting concern, the first intake page. The draft is created (by `createDraft`: a patient's own, or a
 * referring clinician's for a patient) when the concern is saved; the wizard continues on the draft.
 */
export function ConcernStep({
  caption,
  createDraft,
  backAction,
}: {
  caption: string;
  createDraft: (concern: Concern) => Promise<{ id: string }>;
  /** A way back to what came before the concern (a referring clinician's patient details). */
  backAction?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const questionnaire = intakeQuestionnaires.current;
  const text = useMemo(() => intakeTextFor(i18n.language), [i18n.language]);
  const form = useIntakeValues(questionnaire, {});
  const topLevel = useMemo(() => pageItems(intakeQuestionnaires.current, 'concern'), []);
  const [errors, setErrors] = useState<ReturnType<typeof validateResponse>>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  // Kept once created, so a failed first save is retried on the same draft, not a second one.
  const [createdId, setCreatedId] = useState<string | null>(null);

  async function start() {
    setFailure(null);
    const response = responseToSave(questionnaire, form.values);
    const pageErrors = validateResponse(questionnaire, response, { today: localToday(), requireAnswers: true }).filter(
      (e) => e.linkId !== undefined && pageOfLinkId(questionnaire, e.linkId) === 'concern',
    );
    setErrors(pageErrors);
    if (pageErrors.length > 0) return;
    const code = response.item?.find((item) => item.linkId === 'concern')?.answer?.[0]?.valueCoding?.code;
    const concern = CONCERNS.find((c) => c === code);
    if (!concern) return;
    setBusy(true);
    try {
      const id = createdId ?? (await createDraft(concern)).id;
      setCreatedId(id);
      await saveIntake(id, 0, response as Parameters<typeof saveIntake>[2]);
      navigate(stepPath(id, 'history'), { replace: true });
    } catch (caught) {
      const invalid = intakeErrorsOf(caught);
      if (invalid.length > 0) setErrors(invalid);
      else setFailure(caught);
      setBusy(false);
    }
  }

  return (
    <div className="page wizard">
      <p className="wizard-case">{caption}</p>
      <StepProgress step="concern" />
      <PageHeading>{t('submission.steps.concern')}</PageHeading>
      {failure ? <Notice tone="error">{errorText(failure)}</Notice> : null}
      <form
        className="form wizard-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <IntakePageForm
          questionnaire={questionnaire}
          topLevel={topLevel}
          values={form.values}
          errors={toFieldErrors(errors)}
          text={text}
          handlers={form.handlers}
        />
        <div className="wizard-actions">
          <button type="submit" className="button" disabled={isBusy}>
            {isBusy ? t('submission.saving') : t('submission.continue')}
          </button>
          {backAction}
        </div>
      </form>
    </div>
  );
}
