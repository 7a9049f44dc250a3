import type { SessionInfo, TotpBody } from '@dermis/core';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { CodeField } from './code-field.tsx';
import { isCompleteCode } from './totp.ts';

/** Enter a 6-digit code and send it; shared by second-factor verification and enrolment. */
export function CodeForm({
  submitLabel,
  send,
  onSession,
}: {
  submitLabel: string;
  send: (body: TotpBody) => Promise<SessionInfo>;
  onSession: (session: SessionInfo) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!isCompleteCode(code)) {
      setError(t('mfa.codeIncomplete'));
      inputRef.current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      onSession(await send({ code }));
    } catch (caught) {
      setError(errorText(caught));
      // A wrong code is typed again from scratch; the next one shows in the app within 30 s.
      if (caught instanceof ApiError && caught.code === 'TOTP_INVALID') setCode('');
      setPending(false);
      inputRef.current?.focus();
    }
  }

  return (
    <form className="form" noValidate onSubmit={submit}>
      <CodeField ref={inputRef} value={code} onChange={setCode} error={error} />
      <button type="submit" className="button button-block" disabled={isPending}>
        {submitLabel}
      </button>
    </form>
  );
}
