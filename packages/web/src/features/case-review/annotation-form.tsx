import { type AnnotationVisibility, MAX_ANNOTATION_TEXT } from '@dermis/core';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The note and who may see it, for a new region or an existing annotation. */
export function AnnotationForm({
  title,
  initialText = '',
  initialVisibility = 'clinician_only',
  isSaving,
  onSave,
  onCancel,
}: {
  title: string;
  initialText?: string;
  initialVisibility?: AnnotationVisibility;
  isSaving: boolean;
  onSave(text: string, visibility: AnnotationVisibility): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(initialText);
  const [visibility, setVisibility] = useState<AnnotationVisibility>(initialVisibility);
  const [isEmpty, setEmpty] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => noteRef.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') {
      setEmpty(true);
      noteRef.current?.focus();
      return;
    }
    onSave(text.trim(), visibility);
  }

  return (
    <form className="form annotation-form" onSubmit={submit} aria-label={title} noValidate>
      <div className={isEmpty ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-note`}>{t('caseReview.annotations.note')}</label>
        {isEmpty ? (
          <p id={`${id}-error`} className="field-error">
            {t('caseReview.annotations.noteRequired')}
          </p>
        ) : null}
        <textarea
          ref={noteRef}
          id={`${id}-note`}
          className="input"
          rows={3}
          maxLength={MAX_ANNOTATION_TEXT}
          value={text}
          aria-invalid={isEmpty || undefined}
          aria-describedby={isEmpty ? `${id}-error` : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setEmpty(false);
          }}
        />
      </div>
      <fieldset className="annotation-visibility">
        <legend>{t('caseReview.annotations.visibility')}</legend>
        {(['clinician_only', 'patient'] as const).map((value) => (
          <label key={value} className="annotation-choice">
            <input
              type="radio"
              name={`${id}-visibility`}
              value={value}
              checked={visibility === value}
              onChange={() => setVisibility(value)}
            />
            {t(`caseReview.annotations.visibilities.${value}`)}
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSaving}>
          {t(isSaving ? 'caseReview.annotations.saving' : 'caseReview.annotations.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={isSaving}>
          {t('caseReview.annotations.cancel')}
        </button>
      </div>
    </form>
  );
}
