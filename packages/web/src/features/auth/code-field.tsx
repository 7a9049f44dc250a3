import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/text-field.tsx';
import { normalizeCode } from './totp.ts';

/** The 6-digit authenticator code: numeric keyboard on phones, one-time-code autofill. */
export function CodeField({
  value,
  onChange,
  error,
  ref,
}: {
  value: string;
  onChange: (code: string) => void;
  error?: string | null | undefined;
  ref?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      ref={ref}
      id="code"
      label={t('mfa.codeLabel')}
      hint={t('mfa.codeHint')}
      error={error}
      className="input-code"
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      value={value}
      onChange={(event) => onChange(normalizeCode(event.target.value))}
    />
  );
}
