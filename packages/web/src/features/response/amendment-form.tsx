import type { SignedResponse } from '@dermis/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { Notice } from '../../ui/notice.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { addAmendment } from './response-api.ts';

/** A correction to the signed response: added after it, never written over it. */
export function AmendmentForm({ caseId, onAmended }: { caseId: string; onAmended: (r: SignedResponse) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim() || !text.trim()) {
      setError(t('response.amendments.required'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      onAmended(await addAmendment(caseId, { reason: reason.trim(), text: text.trim() }));
      setReason('');
      setText('');
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="form response-amend" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('response.amendments.add')}</h4>
      <TextField
        id={`${id}-reason`}
        label={t('response.amendments.reason')}
        maxLength={200}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('response.amendments.text')}</label>
        <textarea
          id={`${id}-text`}
          className="input response-textarea"
          maxLength={10000}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={isPending}>
          {t('response.amendments.submit')}
        </button>
      </div>
    </form>
  );
}
