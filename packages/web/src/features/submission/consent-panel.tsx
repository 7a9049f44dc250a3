import type { CurrentConsent } from '@dermis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptConsent, getCurrentConsent } from '../../api/cases.ts';
import { ApiError } from '../../api/client.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { formatCalendarDate } from '../../ui/date-format.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { Notice } from '../../ui/notice.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useSignedInSession } from '../auth/index.ts';
import { rememberConsent } from './consent-memory.ts';

export function EmergencyAdvice({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <aside className="emergency" aria-label={t('submission.emergency')}>
      <p>{text}</p>
    </aside>
  );
}

/**
 * The current consent text in the reader's language, with "I agree" (which records the acceptance). With
 * `attestForCaseId`, a referring clinician instead confirms that the patient agreed, for that case.
 */
export function ConsentPanel({
  onAccepted,
  onDecline,
  attestForCaseId,
}: {
  onAccepted: () => void;
  onDecline?: () => void;
  attestForCaseId?: string;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { user } = useSignedInSession();
  const locale = i18n.language.startsWith('es') ? 'es' : 'en';
  const [state, reload] = useLoad((signal) => getCurrentConsent(locale, signal), [locale]);
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={reload} />;
  const consent: CurrentConsent = state.data;

  async function agree() {
    setPending(true);
    setError(null);
    try {
      await acceptConsent(consent.version, attestForCaseId);
      if (!attestForCaseId) rememberConsent(user.id, consent.version);
      onAccepted();
    } catch (caught) {
      setError(caught);
      setPending(false);
      // The text changed while it was being read: show the new one.
      if (caught instanceof ApiError && caught.code === 'CONSENT_VERSION_OUTDATED') reload();
    }
  }

  return (
    <section className="consent" aria-labelledby="consent-title">
      <h2 id="consent-title">{consent.title}</h2>
      <p className="consent-version">
        {t('consent.version', {
          version: consent.version,
          date: formatCalendarDate(consent.effectiveFrom, i18n.language),
        })}
      </p>
      <EmergencyAdvice text={consent.emergencyAdvice} />
      {consent.sections.map((section) => (
        <section key={section.heading} className="consent-section">
          <h3>{section.heading}</h3>
          <p>{section.body}</p>
        </section>
      ))}
      <p className="consent-agreement">
        {attestForCaseId ? t('referral.attest', { version: consent.version }) : consent.agreement}
      </p>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <div className="button-row">
        <button type="button" className="button" onClick={agree} disabled={isPending}>
          {attestForCaseId ? t('referral.attestConfirm') : t('consent.agree')}
        </button>
        {onDecline ? (
          <button type="button" className="button button-secondary" onClick={onDecline} disabled={isPending}>
            {t('consent.notNow')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
