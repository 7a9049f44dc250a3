import {
  type CarePlanInfo,
  dispositionRequires,
  emptyMedication,
  type ResponseContent,
  type ResponseDraft,
  type SignedResponse,
  validateForSigning,
} from '@dermis/core';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Notice } from '../../ui/notice.tsx';
import { CarePlanField } from './care-plan-field.tsx';
import { DispositionField } from './disposition-field.tsx';
import { DraftConflict } from './draft-conflict.tsx';
import { ImageRequestFields } from './image-request-fields.tsx';
import { MedicationFields } from './medication-fields.tsx';
import { problemKey } from './problem-text.ts';
import { signDraft } from './response-api.ts';
import { SaveStatus } from './save-status.tsx';
import { useAutosave } from './use-autosave.ts';

/**
 * The response as the dermatologist writes it: saved as they type, checked with the same rules the server
 * signs by (core validateForSigning), signed after a confirmation.
 */
export function ResponseEditor({
  caseId,
  draft,
  onSigned,
}: {
  caseId: string;
  draft: ResponseDraft;
  onSigned: (response: SignedResponse) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { state, edit, keepMine, takeTheirs, flush } = useAutosave(caseId, draft);
  const [uploaded, setUploaded] = useState<CarePlanInfo | null>(draft.uploadedCarePlan);
  const [showProblems, setShowProblems] = useState(false);
  const [isConfirming, setConfirming] = useState(false);
  const content = state.content;
  const problems = useMemo(
    () => validateForSigning(content, { hasUploadedCarePlan: uploaded !== null }),
    [content, uploaded],
  );
  const shown = showProblems ? problems : [];
  const errorOf = (path: string) => {
    const key = problemKey(shown, path);
    return key ? t(key) : null;
  };
  const change = (update: Partial<ResponseContent>) => edit({ ...content, ...update });
  const needs = content.disposition ? dispositionRequires(content.disposition) : null;
  const narrativeError = errorOf('narrative');

  function askToSign() {
    setShowProblems(true);
    if (problems.length === 0 && state.status !== 'conflict') setConfirming(true);
  }

  async function sign() {
    const version = await flush();
    const signed = await signDraft(caseId, version);
    setConfirming(false);
    onSigned(signed);
  }

  return (
    <section className="response-editor" aria-labelledby={`${id}-title`}>
      <div className="response-editor-head">
        <h2 id={`${id}-title`}>{t('response.title')}</h2>
        <SaveStatus state={state} />
      </div>
      {state.status === 'conflict' && state.theirs ? (
        <DraftConflict mine={content} theirs={state.theirs.content} onKeepMine={keepMine} onUseTheirs={takeTheirs} />
      ) : null}
      <DispositionField
        value={content.disposition}
        error={errorOf('disposition')}
        onChange={(disposition) =>
          change({
            disposition,
            // A prescription starts with empty fields; other dispositions keep what was typed, unused.
            ...(dispositionRequires(disposition) === 'medication' && !content.medication
              ? { medication: emptyMedication() }
              : {}),
          })
        }
      />
      {needs === 'medication' && content.medication ? (
        <MedicationFields
          idPrefix={`${id}-medication`}
          medication={content.medication}
          problems={shown}
          onChange={(medication) => change({ medication })}
        />
      ) : null}
      {needs === 'image_requests' ? (
        <ImageRequestFields
          idPrefix={`${id}-images`}
          requests={content.imageRequests}
          problems={shown}
          onChange={(imageRequests) => change({ imageRequests })}
        />
      ) : null}
      <div className={narrativeError ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-narrative`}>{t('response.narrative')}</label>
        <p id={`${id}-narrative-hint`} className="field-hint">
          {t('response.narrativeHint')}
        </p>
        {narrativeError ? (
          <p id={`${id}-narrative-error`} className="field-error">
            {narrativeError}
          </p>
        ) : null}
        <textarea
          id={`${id}-narrative`}
          className="input response-textarea"
          maxLength={20000}
          value={content.narrative}
          aria-invalid={narrativeError ? true : undefined}
          aria-describedby={[`${id}-narrative-hint`, narrativeError ? `${id}-narrative-error` : '']
            .filter(Boolean)
            .join(' ')}
          onChange={(event) => change({ narrative: event.target.value })}
        />
      </div>
      <CarePlanField
        caseId={caseId}
        mode={content.carePlan}
        uploaded={uploaded}
        error={errorOf('carePlan')}
        onModeChange={(carePlan) => change({ carePlan })}
        onUploaded={setUploaded}
        beforeUpload={flush}
      />
      {showProblems && problems.length > 0 ? (
        <Notice tone="error">
          <p>{t('response.notReady')}</p>
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.path}-${problem.code}`}>{t(`response.problems.${problem.code}`)}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={askToSign}>
          {t('response.sign')}
        </button>
      </div>
      {isConfirming ? (
        <ConfirmDialog
          title={t('response.confirm.title')}
          confirmLabel={t('response.confirm.sign')}
          onConfirm={sign}
          onClose={() => setConfirming(false)}
        >
          <p>{t('response.confirm.body')}</p>
          <p>
            <strong>{content.disposition ? t(`response.dispositions.${content.disposition}`) : ''}</strong>
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
