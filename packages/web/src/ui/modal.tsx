import { type ReactNode, useLayoutEffect, useRef } from 'react';

export interface ModalProps {
  labelledBy: string;
  describedBy?: string;
  /** "alertdialog" for messages that need an answer now (idle sign-out). */
  role?: 'dialog' | 'alertdialog';
  onClose: () => void;
  children: ReactNode;
}

/**
 * A modal on the native <dialog> element: the browser traps focus, makes the page behind inert and
 * closes on Escape. Mount it to open it; unmount it to close. Focus returns to where it was.
 */
export function Modal({ labelledBy, describedBy, role, onClose, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useLayoutEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="modal"
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
