import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeading } from './page-heading.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="page page-narrow" data-testid="not-found">
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
