import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { login } from '../../api/auth.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { Notice } from '../../ui/notice.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { PasswordField } from './password-field.tsx';
import { type SignedOutNotice, useSession } from './session-context.ts';

/** Messages other pages hand to the sign-in page through router state. */
export type SignInFlash = 'password_reset' | 'password_set';

function flashFrom(state: unknown): SignInFlash | null {
  const flash = typeof state === 'object' && state !== null ? (state as { flash?: unknown }).flash : null;
  return flash === 'password_reset' || flash === 'password_set' ? flash : null;
}

export function SignInPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { status, acceptSession } = useSession();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const flash = flashFrom(location.state);
  const notice: SignedOutNotice | null = status.kind === 'signed_out' ? status.notice : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: { email?: string; password?: string } = {};
    if (!email.trim()) errors.email = t('auth.fieldErrors.emailRequired');
    if (!password) errors.password = t('auth.fieldErrors.passwordRequired');
    setFieldErrors(errors);
    setFormError(null);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();

    setPending(true);
    try {
      // The guard on this page moves on (to a second-factor step or home) once the session is stored.
      acceptSession(await login({ email: email.trim(), password }));
    } catch (error) {
      setFormError(errorText(error));
      setPending(false);
    }
  }

  return (
    <section className="page page-narrow">
      <PageHeading>{t('auth.signIn.title')}</PageHeading>
      {flash ? <Notice tone="success">{t(`auth.flash.${flash}`)}</Notice> : null}
      {notice ? <Notice tone={notice === 'unreachable' ? 'error' : 'info'}>{t(`auth.notice.${notice}`)}</Notice> : null}
      <form className="form" noValidate onSubmit={submit}>
        {formError ? <Notice tone="error">{formError}</Notice> : null}
        <TextField
          ref={emailRef}
          id="email"
          label={t('auth.email')}
          type="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          error={fieldErrors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <PasswordField
          ref={passwordRef}
          id="password"
          label={t('auth.password')}
          autoComplete="current-password"
          value={password}
          error={fieldErrors.password}
          onChange={setPassword}
        />
        <button type="submit" className="button button-block" disabled={isPending}>
          {isPending ? t('auth.signIn.pending') : t('auth.signIn.submit')}
        </button>
      </form>
      <p className="form-links">
        <Link to="/forgot-password">{t('auth.signIn.forgot')}</Link>
      </p>
      <div className="aside-box">
        <h2 className="aside-title">{t('auth.signIn.newPatientTitle')}</h2>
        <p>
          <Link to="/sign-up">{t('auth.signIn.createAccount')}</Link>
        </p>
      </div>
    </section>
  );
}
