'use client';

/** Says why a pasted or dropped image did not appear (images come with accounts). */
export function ImageNotice({ onDismiss }: { onDismiss: () => void }) {
  return (
    <div className="editor-notice" role="status" data-testid="image-notice">
      <span>Images can’t be added to documents yet, so the image was left out. Any text you pasted is in.</span>
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
