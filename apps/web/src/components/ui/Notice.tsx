import type { ReactNode } from 'react';

/** A message about what happened and what to do; `error` ones are announced at once. */
export function Notice({ tone, title, children, actions }: { tone: 'info' | 'warn' | 'error'; title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="notice-body">
        <strong className="notice-title">{title}</strong>
        {children ? <div className="notice-text">{children}</div> : null}
      </div>
      {actions ? <div className="notice-actions">{actions}</div> : null}
    </div>
  );
}
