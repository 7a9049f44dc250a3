import { useTranslation } from 'react-i18next';

export const MAIN_ID = 'main';

/**
 * Moves focus to <main> without changing the URL (a #main fragment would be a router navigation).
 */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href={`#${MAIN_ID}`}
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(MAIN_ID)?.focus();
      }}
    >
      {t('common.skipToContent')}
    </a>
  );
}
