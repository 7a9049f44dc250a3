import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EnrolSecondFactor } from './enrol-second-factor.tsx';
import { useSession } from './session-context.ts';

/** Staff first sign-in: a second factor is required before anything else opens. */
export function EnrolPage() {
  const { t } = useTranslation();
  const { acceptSession, signOut } = useSession();
  return (
    <section className="page page-narrow">
      <PageHeading>{t('mfa.enrol.title')}</PageHeading>
      <p>{t('mfa.enrol.introStaff')}</p>
      <EnrolSecondFactor onEnrolled={acceptSession} />
      <p className="form-links">
        <button type="button" className="button-link" onClick={() => void signOut()}>
          {t('mfa.differentAccount')}
        </button>
      </p>
    </section>
  );
}
