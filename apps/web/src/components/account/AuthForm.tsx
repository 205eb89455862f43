'use client';

import type { FormEvent, ReactNode } from 'react';

/** The frame of the sign-in and sign-up pages: a title, what it is for, a form, what else to do. */
export function AuthForm({
  title,
  intro,
  error,
  busy,
  submitLabel,
  onSubmit,
  children,
  footer,
}: {
  title: string;
  intro?: ReactNode;
  error: string | null;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <main className="page narrow auth-page">
      <p className="brand auth-brand">Tandem</p>
      <h1 className="auth-title">{title}</h1>
      {intro ? <div className="auth-intro">{intro}</div> : null}
      <form className="auth-form" onSubmit={submit} noValidate>
        {children}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary auth-submit" disabled={busy}>
          {busy ? 'Please wait…' : submitLabel}
        </button>
      </form>
      {footer ? <div className="auth-footer">{footer}</div> : null}
    </main>
  );
}

export function TextField({
  id,
  label,
  type = 'text',
  value,
  onChange,
  autoComplete,
  hint,
  autoFocus,
}: {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value: string;
  onChange: (value: string) => void;
  autoComplete?: string;
  hint?: string;
  autoFocus?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        name={id}
        className="field-input"
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        aria-describedby={hint ? `${id}-hint` : undefined}
        required
      />
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
