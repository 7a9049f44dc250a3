import { useTranslation } from 'react-i18next';
import { verifyMfa } from '../../api/auth.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { CodeForm } from './code-form.tsx';
import { useSession } from './session-context.ts';

export function VerifyPage() {
  const { t } = useTranslation();
  const { acceptSession, signOut } = useSession();
  return (
    <section className="page page-narrow">
      <PageHeading>{t('mfa.verify.title')}</PageHeading>
      <p>{t('mfa.verify.intro')}</p>
      <CodeForm submitLabel={t('mfa.verify.submit')} send={verifyMfa} onSession={acceptSession} />
      <p className="form-links">
        <button type="button" className="button-link" onClick={() => void signOut()}>
          {t('mfa.differentAccount')}
        </button>
      </p>
    </section>
  );
}
