import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { Modal } from '../../ui/modal.tsx';
import { IdleController, type IdleView } from './idle-timer.ts';
import { useSession } from './session-context.ts';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown'] as const;

/** Wires the idle clock to the page (activity events, API answers) and shows the warning dialog. */
export function IdleWatcher({ timeoutSeconds }: { timeoutSeconds: number }) {
  const { refresh, expire } = useSession();
  const [view, setView] = useState<IdleView>({ kind: 'active' });
  const controllerRef = useRef<IdleController | null>(null);
  const actions = useRef({ refresh, expire });
  actions.current = { refresh, expire };

  useEffect(() => {
    const controller = new IdleController(timeoutSeconds * 1000, {
      onView: setView,
      refresh: () => actions.current.refresh().then(() => true),
      onExpire: () => actions.current.expire(),
    });
    controllerRef.current = controller;
    const onActivity = () => controller.activity();
    const onVisibility = () => {
      if (document.visibilityState !== 'visible') return;
      controller.activity();
      controller.check();
    };
    for (const name of ACTIVITY_EVENTS) document.addEventListener(name, onActivity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', onVisibility);
    const stopListening = api.onServerContact((startedAt) => controller.serverContact(startedAt));
    controller.start();
    return () => {
      controller.stop();
      stopListening();
      for (const name of ACTIVITY_EVENTS) document.removeEventListener(name, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [timeoutSeconds]);

  if (view.kind !== 'warning') return null;
  return <IdleWarning expiresAt={view.expiresAt} onStay={refresh} />;
}

function IdleWarning({ expiresAt, onStay }: { expiresAt: number; onStay: () => Promise<void> }) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const [now, setNow] = useState(() => Date.now());
  const [isPending, setPending] = useState(false);
  const [hasFailed, setFailed] = useState(false);

  useEffect(() => {
    const interval = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(interval);
  }, []);

  const seconds = Math.max(0, Math.ceil((expiresAt - now) / 1000));

  async function stay() {
    setPending(true);
    setFailed(false);
    try {
      await onStay();
    } catch {
      setFailed(true);
      setPending(false);
    }
  }

  return (
    <Modal role="alertdialog" labelledBy={titleId} describedBy={bodyId} onClose={stay}>
      <h2 id={titleId} className="modal-title">
        {t('idle.title')}
      </h2>
      <p id={bodyId} className="modal-body">
        {t('idle.body', { seconds })}
      </p>
      {hasFailed ? (
        <p role="alert" className="field-error">
          {t('idle.stayFailed')}
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button" onClick={stay} disabled={isPending}>
          {t('idle.stay')}
        </button>
      </div>
    </Modal>
  );
}
