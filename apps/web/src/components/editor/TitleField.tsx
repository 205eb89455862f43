'use client';

import { useMutation } from '@apollo/client/react';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { explainError } from '@/lib/errors';
import { RENAME_DOCUMENT } from '@/lib/operations';

const TITLE_MAX = 200;

/**
 * The document's title, edited in place. Saved on Enter or when focus leaves; Escape puts
 * back the saved one; Enter and ArrowDown continue into the text. A new document has no
 * title: the field shows "Untitled" as a placeholder, so typing gives the title typed. It
 * is a one-line text area that grows, so a long title wraps instead of being cut off on a
 * phone.
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
  const field = useRef<HTMLTextAreaElement>(null);
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

  // As tall as its text (where CSS field-sizing is not supported, by measuring).
  useLayoutEffect(() => {
    const element = field.current;
    if (!element || CSS.supports('field-sizing', 'content')) return;
    element.style.height = 'auto';
    element.style.height = `${element.scrollHeight}px`;
  }, [draft]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // ArrowDown moves through a wrapped title first, and into the text from its end.
    const atEnd = event.currentTarget.selectionStart === event.currentTarget.value.length;
    if (event.key === 'Enter' || (event.key === 'ArrowDown' && atEnd)) {
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
      <textarea
        ref={field}
        rows={1}
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
        // A title is one line: pasted line breaks become spaces.
        onChange={(event) => setDraft(event.target.value.replace(/\s*[\r\n]+\s*/g, ' '))}
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

