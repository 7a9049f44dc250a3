import {
  type CaseBodySite,
  type CaseDetail,
  type CaseReceipt,
  type IntakeValidationError,
  indexQuestionnaire,
} from '@dermis/core';
import type { Questionnaire, QuestionnaireResponse } from 'fhir/r4.js';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { submitCase } from '../../api/cases.ts';
import { ApiError } from '../../api/client.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { Notice } from '../../ui/notice.tsx';
import { ConsentPanel } from './consent-panel.tsx';
import { intakeErrorsOf } from './field-errors.ts';
import { createIdempotentSender, isOutcomeUnknown } from './idempotent-submit.ts';
import { pageOfLinkId } from './intake-pages.ts';
import type { IntakeText } from './intake-text.ts';
import { ReviewPhotos } from './photos/review-photos.tsx';
import { ResponsibilityNote } from './referral/responsibility-note.tsx';
import { ReviewSummary } from './review-summary.tsx';
import { previousStep, stepPath } from './wizard-steps.ts';

/** The last step: the answers as the dermatologist will read them, "Change" links, and Send. */
export function ReviewStep({
  detail,
  questionnaire,
  intakeVersion,
  response,
  bodySites,
  text,
  onConflict,
}: {
  detail: CaseDetail;
  questionnaire: Questionnaire;
  intakeVersion: number;
  response: QuestionnaireResponse;
  bodySites: readonly CaseBodySite[];
  text: IntakeText;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  // One sender for this page: a retry after a lost answer reuses the Idempotency-Key (never two submissions).
  const sender = useRef(
    createIdempotentSender<{ intakeVersion: number }, CaseReceipt>((body, key) =>
      submitCase(detail.id, body.intakeVersion, key),
    ),
  );
  const [isSending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [needsConsent, setNeedsConsent] = useState(false);
  const [answerErrors, setAnswerErrors] = useState<IntakeValidationError[]>([]);
  const index = useMemo(() => indexQuestionnaire(questionnaire), [questionnaire]);

  async function send() {
    setSending(true);
    setFailure(null);
    setAnswerErrors([]);
    try {
      const receipt = await sender.current.send({ intakeVersion });
      navigate(`/cases/${encodeURIComponent(detail.id)}/receipt`, { state: { receipt } });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'CONSENT_REQUIRED') setNeedsConsent(true);
      else if (caught instanceof ApiError && caught.code === 'INTAKE_VERSION_CONFLICT') onConflict();
      else if (caught instanceof ApiError && caught.code === 'INTAKE_INVALID') setAnswerErrors(intakeErrorsOf(caught));
      setFailure(caught);
      setSending(false);
    }
  }

  return (
    <>
      {detail.patient ? <ResponsibilityNote /> : null}
      <p>{t('review.intro')}</p>
      <ReviewSummary
        questionnaire={questionnaire}
        response={response}
        bodySites={bodySites}
        text={text}
        changeLink={(step) => stepPath(detail.id, step)}
      />
      <ReviewPhotos caseId={detail.id} bodySites={bodySites} text={text} changeLink={stepPath(detail.id, 'photos')} />
      {needsConsent ? (
        <div className="panel">
          <Notice tone="info">{t('review.consentNeeded')}</Notice>
          <ConsentPanel
            {...(detail.patient ? { attestForCaseId: detail.id } : {})}
            onAccepted={() => {
              setNeedsConsent(false);
              setFailure(null);
            }}
          />
        </div>
      ) : null}
      {failure && !needsConsent ? (
        <Notice tone="error">
          <p>{errorText(failure)}</p>
          {isOutcomeUnknown(failure) ? <p>{t('review.retryHint')}</p> : null}
          {answerErrors.length > 0 ? (
            <ul>
              {answerErrors.map((error) => {
                const page = error.linkId ? pageOfLinkId(questionnaire, error.linkId) : undefined;
                const item = error.linkId ? index.items.get(error.linkId) : undefined;
                const message = `${item ? `${text.item(item)}: ` : ''}${t(`submission.intakeErrors.${error.code}`)}`;
                return (
                  <li key={`${error.linkId}-${error.code}`}>
                    {page ? <Link to={stepPath(detail.id, page)}>{message}</Link> : message}
                  </li>
                );
              })}
            </ul>
          ) : null}
          {caughtCode(failure) === 'BODY_SITE_REQUIRED' ? (
            <Link to={stepPath(detail.id, 'body-sites')}>{t('submission.steps.body-sites')}</Link>
          ) : null}
          {caughtCode(failure) === 'PHOTOS_REQUIRED' ? (
            <Link to={stepPath(detail.id, 'photos')}>{t('submission.steps.photos')}</Link>
          ) : null}
        </Notice>
      ) : null}
      <div className="wizard-actions">
        <button type="button" className="button" onClick={send} disabled={isSending || needsConsent}>
          {isSending ? t('review.submitting') : t('review.submit')}
        </button>
        <Link className="button button-secondary" to={stepPath(detail.id, previousStep('review') ?? 'concern')}>
          {t('submission.back')}
        </Link>
      </div>
    </>
  );
}

function caughtCode(error: unknown): string | null {
  return error instanceof ApiError ? error.code : null;
}
