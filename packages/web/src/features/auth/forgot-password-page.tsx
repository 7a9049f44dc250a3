import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { requestPasswordReset } from '../../api/auth.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { Notice } from '../../ui/notice.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { isEmailShaped } from './sign-up-form.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [isSent, setSent] = useState(false);
  const [isPending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (!isEmailShaped(email)) {
      setFieldError(t(email.trim() ? 'auth.fieldErrors.emailInvalid' : 'auth.fieldErrors.emailRequired'));
      emailRef.current?.focus();
      return;
    }
    setFieldError(null);
    setPending(true);
    try {
      await requestPasswordReset({ email: email.trim() });
      setSent(true);
    } catch (error) {
      setFormError(errorText(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="page page-narrow">
      <PageHeading>{t('auth.forgot.title')}</PageHeading>
      {isSent ? (
        <Notice tone="success">
          <p>{t('auth.forgot.sent')}</p>
        </Notice>
      ) : (
        <>
          <p>{t('auth.forgot.intro')}</p>
          <form className="form" noValidate onSubmit={submit}>
            {formError ? <Notice tone="error">{formError}</Notice> : null}
            <TextField
              ref={emailRef}
              id="email"
              label={t('auth.email')}
              type="email"
              autoComplete="email"
              autoCapitalize="none"
              spellCheck={false}
              value={email}
              error={fieldError}
              onChange={(event) => setEmail(event.target.value)}
            />
            <button type="submit" className="button button-block" disabled={isPending}>
              {t('auth.forgot.submit')}
            </button>
          </form>
        </>
      )}
      <p className="form-links">
        <Link to="/sign-in">{t('auth.backToSignIn')}</Link>
      </p>
    </section>
  );
}
