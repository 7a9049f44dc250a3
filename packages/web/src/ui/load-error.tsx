import { useTranslation } from 'react-i18next';
import { useErrorText } from '../i18n/use-error-text.ts';
import { Notice } from './notice.tsx';

/** What a page shows when its data could not be loaded: the reason and a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Notice tone="error">
      <p>{errorText(error)}</p>
      <button type="button" className="button button-secondary" onClick={onRetry}>
        {t('common.tryAgain')}
      </button>
    </Notice>
  );
}
