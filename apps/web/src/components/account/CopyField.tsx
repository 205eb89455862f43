'use client';

import { useState } from 'react';

/** A secret or a link shown once, with a button that copies it. */
export function CopyField({ label, value, note }: { label: string; value: string; note?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // No clipboard (an insecure origin): the field is selectable by hand.
      setCopied(false);
    }
  };
  return (
    <div className="copy-field">
      <label className="field-label">
        {label}
        <input className="field-input copy-input" readOnly value={value} onFocus={(event) => event.target.select()} />
      </label>
      <button type="button" className="button" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
      {note ? <p className="field-hint">{note}</p> : null}
    </div>
  );
}
