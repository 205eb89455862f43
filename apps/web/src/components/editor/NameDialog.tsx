'use client';

import { useId, useState, type FormEvent } from 'react';
import { COLORS, NAME_MAX, randomColor, type Identity } from '@/lib/identity';
import { Dialog } from '../ui/Dialog';

/** Asks for the name others see next to your cursor. Required the first time. */
export function NameDialog({
  open,
  initial,
  required,
  onSave,
  onCancel,
}: {
  open: boolean;
  initial: Identity | null;
  required: boolean;
  onSave: (identity: Identity) => void;
  onCancel: () => void;
}) {
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onCancel} labelledBy={titleId} dismissable={!required}>
      <NameForm titleId={titleId} initial={initial} required={required} onSave={onSave} onCancel={onCancel} />
    </Dialog>
  );
}

function NameForm({
  titleId,
  initial,
  required,
  onSave,
  onCancel,
}: {
  titleId: string;
  initial: Identity | null;
  required: boolean;
  onSave: (identity: Identity) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [color, setColor] = useState(initial?.color ?? randomColor());
  const trimmed = name.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed) onSave({ name: trimmed.slice(0, NAME_MAX), color });
  };
  return (
    <form onSubmit={submit} className="dialog-form">
      <h2 id={titleId} className="dialog-title">
        {required ? 'What should others call you?' : 'Your name and colour'}
      </h2>
      <p className="dialog-text">People editing with you see this name next to your cursor. It is kept on this device.</p>
      <label className="field">
        <span className="field-label">Display name</span>
        <input
          name="display-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={NAME_MAX}
          autoComplete="nickname"
          autoFocus
          required
          placeholder="e.g. Ada"
        />
      </label>
      <fieldset className="swatches">
        <legend className="field-label">Colour</legend>
        {COLORS.map((value) => (
          <label key={value} className="swatch" style={{ backgroundColor: value }}>
            <input
              type="radio"
              name="color"
              value={value}
              checked={color === value}
              onChange={() => setColor(value)}
              aria-label={`Colour ${value}`}
            />
          </label>
        ))}
      </fieldset>
      <div className="dialog-actions">
        {!required ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="button button-primary" disabled={!trimmed}>
          {required ? 'Start editing' : 'Save'}
        </button>
      </div>
    </form>
  );
}
