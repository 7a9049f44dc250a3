import type { MfaEnrollment, SessionInfo } from '@dermis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmMfaEnrolment, startMfaEnrolment } from '../../api/auth.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { CodeForm } from './code-form.tsx';
import { groupSecret, svgDataUrl } from './totp.ts';

/**
 * Adding an authenticator: a QR code to scan, the same secret as text for typing in (or a link on
 * the phone itself), then one code to prove it works. Used at staff first sign-in and on the
 * patient's account page.
 */
export function EnrolSecondFactor({ onEnrolled }: { onEnrolled: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  // The POST only creates a pending secret; it is confirmed by the code below.
  const [enrolment, reload] = useLoad(() => startMfaEnrolment(), []);

  if (enrolment.status === 'loading') return <Loading label={t('mfa.enrol.preparing')} />;
  if (enrolment.status === 'error') return <LoadError error={enrolment.error} onRetry={reload} />;
  return (
    <ol className="steps">
      <li>
        <h2 className="step-title">{t('mfa.enrol.step1')}</h2>
        <p>{t('mfa.enrol.apps')}</p>
        <img
          className="qr-code"
          src={svgDataUrl(enrolment.data.qrSvg)}
          alt={t('mfa.enrol.qrAlt')}
          width="200"
          height="200"
        />
        <p>
          <a href={enrolment.data.otpauthUrl}>{t('mfa.enrol.openInApp')}</a>
        </p>
      </li>
      <li>
        <h2 className="step-title">{t('mfa.enrol.step2')}</h2>
        <SetupKey enrolment={enrolment.data} />
      </li>
      <li>
        <h2 className="step-title">{t('mfa.enrol.step3')}</h2>
        <CodeForm submitLabel={t('mfa.enrol.submit')} send={confirmMfaEnrolment} onSession={onEnrolled} />
      </li>
    </ol>
  );
}

function SetupKey({ enrolment }: { enrolment: MfaEnrollment }) {
  const { t } = useTranslation();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(enrolment.secret);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  }

  return (
    <div className="setup-key">
      <p>{t('mfa.enrol.keyIntro')}</p>
      <p>
        <code className="setup-key-value">{groupSecret(enrolment.secret)}</code>
      </p>
      <button type="button" className="button button-secondary" onClick={copy}>
        {t('mfa.enrol.copyKey')}
      </button>
      <p role="status" className="copy-status">
        {copyState === 'copied' ? t('mfa.enrol.copied') : copyState === 'failed' ? t('mfa.enrol.copyFailed') : ''}
      </p>
    </div>
  );
}
