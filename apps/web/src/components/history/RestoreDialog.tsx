'use client';

import { useId } from 'react';
import type { VersionSummary } from '@/lib/operations';
import { Dialog } from '../ui/Dialog';
import { exactTime, versionTitle } from './describe';

/** Asks before a restore: it changes the text for everyone at once. */
export function RestoreDialog({
  version,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  version: VersionSummary | null;
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const titleId = useId();
  return (
    <Dialog open={version !== null} onClose={onCancel} labelledBy={titleId} dismissable={!busy}>
      <form
        method="dialog"
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        <h2 id={titleId} className="dialog-title">
          Restore version {version?.version}?
        </h2>
        <p className="dialog-text">
          The text goes back to “{version ? versionTitle(version) : ''}” from {version ? exactTime(version.createdAt) : ''}, for everyone
          editing it, right away. The current text is kept as a version first, so you can come back to it.
        </p>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel} disabled={busy} autoFocus>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Restoring…' : 'Restore version'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
