'use client';

import { useId } from 'react';
import type { DocumentSummary } from '@/lib/operations';
import { Dialog } from '../ui/Dialog';

export function DeleteDialog({
  doc,
  busy,
  onCancel,
  onConfirm,
}: {
  doc: DocumentSummary | null;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const titleId = useId();
  return (
    <Dialog open={doc !== null} onClose={onCancel} labelledBy={titleId}>
      <form
        method="dialog"
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        <h2 id={titleId} className="dialog-title">
          Delete “{doc?.title || 'Untitled'}”?
        </h2>
        <p className="dialog-text">
          The document and its history are removed for everyone, and anyone who has it open loses it. This can’t be undone.
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button type="submit" className="button button-danger" disabled={busy}>
            {busy ? 'Deleting…' : 'Delete document'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
