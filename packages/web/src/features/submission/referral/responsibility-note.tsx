import { useTranslation } from 'react-i18next';

/** Advice & Guidance: the specialist advises; the referring clinician stays clinically responsible. Said plainly. */
export function ResponsibilityNote() {
  const { t } = useTranslation();
  return (
    <aside className="responsibility-note" aria-label={t('referral.responsibilityTitle')}>
      <p>{t('referral.responsibility')}</p>
    </aside>
  );
}
