import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { Notice } from '../../ui/notice.tsx';
import { type DevicePushState, readDevicePush, turnOffDevicePush, turnOnDevicePush } from './device-push.ts';

/**
 * "Notifications on this device": web push where the browser allows it. Emails are sent either way, so every
 * state says what the person will still get. Permission is only ever asked for from a click.
 */
export function PushSettings() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state, setState] = useState<DevicePushState | 'loading'>('loading');
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The browser's prompt was closed without an answer: nothing changed, and the person should know why.
  const [isDismissed, setDismissed] = useState(false);

  useEffect(() => {
    let live = true;
    readDevicePush()
      .then((s) => live && setState(s))
      .catch(() => live && setState('off'));
    return () => {
      live = false;
    };
  }, []);

  const change = async (action: () => Promise<DevicePushState>) => {
    setBusy(true);
    setError(null);
    setDismissed(false);
    try {
      const next = await action();
      setState(next);
      if (action === turnOnDevicePush && next === 'off') setDismissed(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="push-title" data-testid="push-settings">
      <h2 id="push-title">{t('notifications.title')}</h2>
      {state === 'loading' ? null : <p>{t(`notifications.state.${state}`)}</p>}
      {isDismissed ? <Notice tone="info">{t('notifications.dismissed')}</Notice> : null}
      {error ? (
        <Notice tone="error">
          {error instanceof DOMException ? t('notifications.browserFailed') : errorText(error)}
        </Notice>
      ) : null}
      {state === 'off' ? (
        <button type="button" className="button" disabled={isBusy} onClick={() => change(turnOnDevicePush)}>
          {t('notifications.turnOn')}
        </button>
      ) : null}
      {state === 'on' ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={isBusy}
          onClick={() => change(turnOffDevicePush)}
        >
          {t('notifications.turnOff')}
        </button>
      ) : null}
    </section>
  );
}
