'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { initials } from '@/lib/identity';
import { signInHref, useViewer } from '@/lib/viewer';

/** The signed-in account, and what it can do beyond documents: tokens, administration, signing out. */
export function AccountMenu() {
  const viewer = useViewer();
  const router = useRouter();
  const path = usePathname();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  if (!viewer.me) {
    if (viewer.loading) return null;
    return (
      <Link className="button button-quiet" href={signInHref(path)}>
        Sign in
      </Link>
    );
  }
  const { me } = viewer;
  const signOut = async () => {
    setBusy(true);
    try {
      await viewer.signOut();
    } finally {
      setBusy(false);
      router.push('/sign-in');
    }
  };
  return (
    <div className="account-menu" ref={ref}>
      <button
        type="button"
        className="account-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        title={`${me.name} (${me.email})`}
      >
        <span className="avatar account-avatar" aria-hidden="true">
          {initials(me.name)}
        </span>
        <span className="visually-hidden">Account: {me.name}</span>
      </button>
      {open ? (
        <div className="account-popover" role="menu">
          <div className="account-who">
            <strong>{me.name}</strong>
            <span className="muted">{me.email}</span>
            {me.role === 'ADMIN' ? <span className="badge">Administrator</span> : null}
          </div>
          <Link role="menuitem" className="account-item" href="/" onClick={() => setOpen(false)}>
            Documents
          </Link>
          <Link role="menuitem" className="account-item" href="/settings/tokens" onClick={() => setOpen(false)}>
            API tokens
          </Link>
          {me.role === 'ADMIN' ? (
            <Link role="menuitem" className="account-item" href="/admin" onClick={() => setOpen(false)}>
              Administration
            </Link>
          ) : null}
          <button role="menuitem" type="button" className="account-item" onClick={() => void signOut()} disabled={busy}>
            {busy ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
