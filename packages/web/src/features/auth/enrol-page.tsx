import { useTranslation } from 'react-i18next';
import { EnrolSecondFactor } from './enrol-second-factor.tsx';
import { SecondFactorPage } from './second-factor-page.tsx';
import { useSession } from './session-context.ts';

/** Staff first sign-in: a second factor is required before anything else opens. */
export function EnrolPage() {
  const { t } = useTranslation();
  const { acceptSession } = useSession();
  return (
    <SecondFactorPage title={t('mfa.enrol.title')} intro={t('mfa.enrol.introStaff')}>
      <EnrolSecondFactor onEnrolled={acceptSession} />
    </SecondFactorPage>
  );
}
