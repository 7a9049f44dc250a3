import { CARE_PLAN_MODES, type CarePlanInfo, type CarePlanMode } from '@dermis/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { Notice } from '../../ui/notice.tsx';
import { useSignedInSession } from '../auth/session-context.ts';
import { carePlanUrl, uploadCarePlan } from './response-api.ts';

const MAX_BYTES = 10 * 1024 * 1024;

/** The optional care-plan document: none, a PDF the clinician uploads, or one generated from the narrative. */
export function CarePlanField({
  caseId,
  mode,
  uploaded,
  error,
  onModeChange,
  onUploaded,
  beforeUpload,
}: {
  caseId: string;
  mode: CarePlanMode;
  uploaded: CarePlanInfo | null;
  error: string | null;
  onModeChange: (mode: CarePlanMode) => void;
  onUploaded: (info: CarePlanInfo) => void;
  /** Saves the draft first, so the upload attaches to it rather than starting one behind the editor's back. */
  beforeUpload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const session = useSignedInSession();
  const name = useId();
  const [isUploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);

  async function upload(file: File | undefined) {
    if (!file) return;
    setUploadError(null);
    // The server checks the bytes again; this only spares a slow upload that would be refused.
    if (file.size > MAX_BYTES) {
      setUploadError(t('errors.CARE_PLAN_TOO_LARGE'));
      return;
    }
    setUploading(true);
    try {
      await beforeUpload();
      onUploaded(await uploadCarePlan(caseId, file, session.csrfToken));
    } catch (caught) {
      setUploadError(errorText(caught));
    } finally {
      setUploading(false);
    }
  }

  return (
    <fieldset className={error ? 'field response-choices field-invalid' : 'field response-choices'}>
      <legend>{t('response.carePlan.title')}</legend>
      {error ? <p className="field-error">{error}</p> : null}
      {CARE_PLAN_MODES.map((option) => (
        <label key={option} className="response-choice">
          <input
            type="radio"
            name={name}
            value={option}
            checked={mode === option}
            onChange={() => onModeChange(option)}
          />
          <span>{t(`response.carePlan.modes.${option}`)}</span>
        </label>
      ))}
      {mode === 'uploaded' ? (
        <div className="field">
          <label htmlFor={`${name}-file`}>{t('response.carePlan.choose')}</label>
          <p className="field-hint">{t('response.carePlan.hint')}</p>
          <input
            id={`${name}-file`}
            type="file"
            accept="application/pdf,.pdf"
            disabled={isUploading}
            onChange={(event) => void upload(event.target.files?.[0])}
          />
          {isUploading ? <p role="status">{t('response.carePlan.uploading')}</p> : null}
          {uploadError ? <Notice tone="error">{uploadError}</Notice> : null}
          {uploaded ? (
            <p>
              <a href={carePlanUrl(caseId, uploaded.id)} download="care-plan.pdf">
                {t('response.carePlan.current', { size: Math.ceil(uploaded.byteSize / 1024) })}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
