'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal <dialog>: focus moves into it and stays there, Escape closes it (unless it must be
 * answered), and focus returns where it was.
 */
export function Dialog({
  open,
  onClose,
  labelledBy,
  dismissable = true,
  children,
  className,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy: string;
  dismissable?: boolean;
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      className={`dialog ${className ?? ''}`}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissable) onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) dismisses.
        if (dismissable && event.target === ref.current) onClose();
      }}
    >
      {open ? children : null}
    </dialog>
  );
}
