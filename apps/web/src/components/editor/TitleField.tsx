'use client';

import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { explainError } from '@/lib/errors';
import { RENAME_DOCUMENT } from '@/lib/operations';

const TITLE_MAX = 200;

/**
 * The document's title, edited in place. Saved on Enter or when focus leaves; Escape puts
 * back the saved one; Enter and ArrowDown continue into the text.
 */
export function TitleField({
  documentId,
  title,
  apiUrl,
  disabled,
  offline,
  onContinue,
}: {
  documentId: string;
  title: string | null;
  apiUrl: string;
  disabled: boolean;
  /** No title known yet and no server to ask: say so instead of "Loading". */
  offline: boolean;
  onContinue: () => void;
}) {
  const [draft, setDraft] = useState(title ?? '');
  const [error, setError] = useState<string | null>(null);
  const focused = useRef(false);
  const [rename, { loading }] = useMutation(RENAME_DOCUMENT);

  // Someone else renamed it (the provider reports renames): follow, unless we are typing.
  useEffect(() => {
    if (!focused.current && title !== null) setDraft(title);
  }, [title]);

  const save = async () => {
    const next = draft.trim();
    if (title === null || next === title) return;
    if (!next) {
      setDraft(title);
      return;
    }
    try {
      setError(null);
      await rename({ variables: { id: documentId, title: next } });
    } catch (caught) {
      setError(explainError(caught, apiUrl, 'rename the document'));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === 'ArrowDown') {
      event.preventDefault();
      onContinue();
    } else if (event.key === 'Escape' && title !== null) {
      event.preventDefault();
      setDraft(title);
      setError(null);
    }
  };

  return (
    <div className="title-field">
      <input
        className="title-input"
        aria-label="Document title"
        value={draft}
        placeholder={title === null ? (offline ? 'Title not available offline' : 'Loading title…') : 'Untitled'}
        maxLength={TITLE_MAX}
        disabled={disabled || title === null}
        aria-busy={loading || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${documentId}-title-error` : undefined}
        onFocus={() => {
          focused.current = true;
        }}
        onBlur={() => {
          focused.current = false;
          void save();
        }}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {error ? (
        <p className="field-error" id={`${documentId}-title-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
