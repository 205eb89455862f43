'use client';

import { useId, useState, type FormEvent } from 'react';

// The API's limit for a label.
const LABEL_MAX = 200;

/** Names the document as it is now: a version that retention never thins out. */
export function NameVersionForm({
  busy,
  disabled,
  error,
  onSave,
}: {
  busy: boolean;
  disabled: boolean;
  error: string | null;
  /** Resolves true when the version was stored (the field is then cleared). */
  onSave: (label: string) => Promise<boolean>;
}) {
  const inputId = useId();
  const errorId = useId();
  const [label, setLabel] = useState('');
  const trimmed = label.trim();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!trimmed || busy) return;
    if (await onSave(trimmed)) setLabel('');
  };
  return (
    <form className="name-version" onSubmit={(event) => void submit(event)}>
      <label htmlFor={inputId} className="field-label">
        Name this version
      </label>
      <div className="name-version-row">
        <input
          id={inputId}
          className="name-version-input"
          value={label}
          onChange={(event) => setLabel(event.target.value)}
          maxLength={LABEL_MAX}
          placeholder="e.g. Final draft"
          autoComplete="off"
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <button type="submit" className="button" disabled={disabled || busy || !trimmed}>
          {busy ? 'Saving…' : 'Save version'}
        </button>
      </div>
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
