import { checkPassword, PASSWORD_MIN_LENGTH } from '@dermis/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { confirmPasswordReset } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { Notice } from '../../ui/notice.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { PasswordField } from './password-field.tsx';
import { readResetFragment } from './reset-fragment.ts';
import { SIGN_IN_PATH } from './session-routing.ts';
import type { SignInFlash } from './sign-in-page.tsx';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  // Read once, before the fragment is cleared below (state survives StrictMode's second mount).
  const [link] = useState(() => readResetFragment(window.location.hash));
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<{ message: string; isLinkDead: boolean } | null>(null);
  const [isPending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  // Keep the token out of the address bar, history and bookmarks.
  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
    }
  }, []);

  const title = t(link?.isInvite ? 'auth.reset.inviteTitle' : 'auth.reset.title');

  if (!link) {
    return (
      <section className="page page-narrow">
        <PageHeading>{title}</PageHeading>
        <Notice tone="error">{t('auth.reset.missingToken')}</Notice>
        <p className="form-links">
          <Link to="/forgot-password">{t('auth.reset.requestNew')}</Link>
        </p>
      </section>
    );
  }
  const { token, isInvite } = link;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const problem = password ? checkPassword(password) : 'required';
    if (problem) {
      setFieldError(t(`auth.fieldErrors.${problem}`, { min: PASSWORD_MIN_LENGTH }));
      passwordRef.current?.focus();
      return;
    }
    setFieldError(null);
    setPending(true);
    try {
      await confirmPasswordReset({ token, password });
      const flash: SignInFlash = isInvite ? 'password_set' : 'password_reset';
      navigate(SIGN_IN_PATH, { replace: true, state: { flash } });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : '';
      if (code.startsWith('PASSWORD_')) {
        setFieldError(errorText(error));
        passwordRef.current?.focus();
      } else {
        setFormError({ message: errorText(error), isLinkDead: code === 'RESET_TOKEN_INVALID' });
      }
      setPending(false);
    }
  }

  return (
    <section className="page page-narrow">
      <PageHeading>{title}</PageHeading>
      <p>{t(isInvite ? 'auth.reset.inviteIntro' : 'auth.reset.intro')}</p>
      <form className="form" noValidate onSubmit={submit}>
        {formError ? (
          <Notice tone="error">
            <p>{formError.message}</p>
            {formError.isLinkDead ? (
              <p>
                <Link to="/forgot-password">{t('auth.reset.requestNew')}</Link>
              </p>
            ) : null}
          </Notice>
        ) : null}
        <PasswordField
          ref={passwordRef}
          id="password"
          label={t('auth.reset.newPassword')}
          hint={t('auth.passwordRule', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          value={password}
          error={fieldError}
          onChange={setPassword}
        />
        <button type="submit" className="button button-block" disabled={isPending}>
          {t(isInvite ? 'auth.reset.inviteSubmit' : 'auth.reset.submit')}
        </button>
      </form>
    </section>
  );
}
