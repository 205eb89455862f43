'use client';

/** Something about the last paste, drop or upload the person should know, until dismissed. */
export function EditorNotice({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div className="editor-notice" role="status" data-testid="editor-notice">
      <span>{message}</span>
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
