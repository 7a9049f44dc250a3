import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './error-messages.ts';

/** Turns any thrown value into a translated sentence for the person in front of the screen. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      const message = describeError(error);
      const text = t(message.key);
      if (message.retryAfterMinutes === undefined) return text;
      return `${text} ${t('errors.retryAfter', { count: message.retryAfterMinutes })}`;
    },
    [t],
  );
}
