'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { RequireAccount } from '@/lib/viewer';
import { AccountMenu } from './AccountMenu';

/** A page of one's account or of the server's administration: for accounts only. */
export function AccountPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <RequireAccount>
      <div className="account-page">
        <header className="toolbar">
          <Link href="/" className="toolbar-back" title="All documents">
            <span aria-hidden="true">←</span> Documents
          </Link>
          <div className="toolbar-end">
            <AccountMenu />
          </div>
        </header>
        <main className="page">
          <h1 className="page-title">{title}</h1>
          {children}
        </main>
      </div>
    </RequireAccount>
  );
}
