import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useSession } from './session-context.ts';

/** The frame of the half-open sign-in pages: a heading, the step, and a way out to another account. */
export function SecondFactorPage({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { signOut } = useSession();
  return (
    <section className="page page-narrow">
      <PageHeading>{title}</PageHeading>
      <p>{intro}</p>
      {children}
      <p className="form-links">
        <button type="button" className="button-link" onClick={() => void signOut()}>
          {t('mfa.differentAccount')}
        </button>
      </p>
    </section>
  );
}
