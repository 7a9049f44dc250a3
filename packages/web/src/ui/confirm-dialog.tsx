import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../i18n/use-error-text.ts';
import { Modal } from './modal.tsx';
import { Notice } from './notice.tsx';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  isDestructive?: boolean;
  /** Resolves when done (the caller then closes the dialog); a rejection is shown in the dialog. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  isDestructive,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const titleId = useId();
  const bodyId = useId();
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
    } catch (caught) {
      setError(errorText(caught));
      setPending(false);
    }
  }

  return (
    <Modal labelledBy={titleId} describedBy={bodyId} onClose={onClose}>
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      <div id={bodyId} className="modal-body">
        {children}
      </div>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="button-row">
        <button
          type="button"
          className={isDestructive ? 'button button-danger' : 'button'}
          onClick={confirm}
          disabled={isPending}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose} disabled={isPending}>
          {t('common.cancel')}
        </button>
      </div>
    </Modal>
  );
}
