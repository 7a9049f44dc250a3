import { type ReactNode, type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/text-field.tsx';

export interface PasswordFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  hint?: ReactNode;
  error?: string | null | undefined;
  ref?: Ref<HTMLInputElement>;
}

/** A password input with a show/hide toggle (a pressed/unpressed button, so its name never changes). */
export function PasswordField({ id, label, value, onChange, autoComplete, hint, error, ref }: PasswordFieldProps) {
  const { t } = useTranslation();
  const [isVisible, setVisible] = useState(false);
  return (
    <TextField
      ref={ref}
      id={id}
      label={label}
      hint={hint}
      error={error}
      type={isVisible ? 'text' : 'password'}
      autoComplete={autoComplete}
      autoCapitalize="none"
      autoCorrect="off"
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      after={
        <button
          type="button"
          className="field-toggle"
          aria-pressed={isVisible}
          aria-controls={id}
          onClick={() => setVisible((visible) => !visible)}
        >
          {t('auth.showPassword')}
        </button>
      }
    />
  );
}
