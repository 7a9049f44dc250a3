import { useTranslation } from 'react-i18next';
import { verifyMfa } from '../../api/auth.ts';
import { CodeForm } from './code-form.tsx';
import { SecondFactorPage } from './second-factor-page.tsx';
import { useSession } from './session-context.ts';

export function VerifyPage() {
  const { t } = useTranslation();
  const { acceptSession } = useSession();
  return (
    <SecondFactorPage title={t('mfa.verify.title')} intro={t('mfa.verify.intro')}>
      <CodeForm submitLabel={t('mfa.verify.submit')} send={verifyMfa} onSession={acceptSession} />
    </SecondFactorPage>
  );
}
