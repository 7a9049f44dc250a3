import { PASSWORD_MIN_LENGTH } from '@dermis/core';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { signup } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { isLanguage } from '../../i18n/languages.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { Notice } from '../../ui/notice.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { TextField, type TextFieldProps } from '../../ui/text-field.tsx';
import { PasswordField } from './password-field.tsx';
import { useSession } from './session-context.ts';
import {
  fieldForCode,
  localToday,
  SIGN_UP_FIELDS,
  type SignUpField,
  type SignUpForm,
  type SignUpProblems,
  validateSignUp,
} from './sign-up-form.ts';

const EMPTY: SignUpForm = { givenName: '', familyName: '', birthDate: '', email: '', password: '' };

export function SignUpPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { acceptSession } = useSession();
  const [form, setForm] = useState<SignUpForm>(EMPTY);
  const [problems, setProblems] = useState<SignUpProblems>({});
  const [serverFieldError, setServerFieldError] = useState<{ field: SignUpField; message: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);
  const refs = useRef<Partial<Record<SignUpField, HTMLInputElement | null>>>({});

  const set = (field: SignUpField) => (value: string) => setForm((current) => ({ ...current, [field]: value }));

  function errorFor(field: SignUpField): string | undefined {
    if (serverFieldError?.field === field) return serverFieldError.message;
    const problem = problems[field];
    if (!problem) return undefined;
    if (problem === 'required') return t(`auth.signUp.required.${field}`);
    return t(`auth.fieldErrors.${problem}`, { min: PASSWORD_MIN_LENGTH });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateSignUp(form, localToday());
    setProblems(found);
    setServerFieldError(null);
    setFormError(null);
    const first = SIGN_UP_FIELDS.find((field) => found[field]);
    if (first) return refs.current[first]?.focus();

    setPending(true);
    try {
      const session = await signup({
        givenName: form.givenName.trim(),
        familyName: form.familyName.trim(),
        birthDate: form.birthDate,
        email: form.email.trim(),
        password: form.password,
        ...(isLanguage(i18n.language) ? { locale: i18n.language } : {}),
      });
      acceptSession(session);
    } catch (error) {
      const field = error instanceof ApiError ? fieldForCode(error.code) : null;
      if (field) {
        setServerFieldError({ field, message: errorText(error) });
        refs.current[field]?.focus();
      } else {
        setFormError(errorText(error));
      }
      setPending(false);
    }
  }

  const text = (field: Exclude<SignUpField, 'password'>, extra: Partial<TextFieldProps>) => (
    <TextField
      ref={(element) => {
        refs.current[field] = element;
      }}
      id={field}
      label={t(`auth.signUp.${field}`)}
      value={form[field]}
      error={errorFor(field)}
      onChange={(event) => set(field)(event.target.value)}
      {...extra}
    />
  );

  return (
    <section className="page page-narrow">
      <PageHeading>{t('auth.signUp.title')}</PageHeading>
      <p>{t('auth.signUp.intro')}</p>
      <form className="form" noValidate onSubmit={submit}>
        {formError ? <Notice tone="error">{formError}</Notice> : null}
        {text('givenName', { autoComplete: 'given-name' })}
        {text('familyName', { autoComplete: 'family-name' })}
        {text('birthDate', { type: 'date', autoComplete: 'bday', max: localToday(), min: '1900-01-01' })}
        {text('email', { type: 'email', autoComplete: 'email', autoCapitalize: 'none', spellCheck: false })}
        <PasswordField
          ref={(element) => {
            refs.current.password = element;
          }}
          id="password"
          label={t('auth.password')}
          hint={t('auth.passwordRule', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          value={form.password}
          error={errorFor('password')}
          onChange={set('password')}
        />
        <button type="submit" className="button button-block" disabled={isPending}>
          {isPending ? t('auth.signUp.pending') : t('auth.signUp.submit')}
        </button>
      </form>
      <p className="form-links">
        {t('auth.signUp.haveAccount')} <Link to="/sign-in">{t('auth.signUp.signInLink')}</Link>
      </p>
    </section>
  );
}
