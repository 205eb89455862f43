import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { readConfig } from '@/lib/config';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Tandem',
  description: 'Write together, in real time.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#fbfaf8',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request, so TANDEM_API_URL is read when the server runs, not when it was built.
  await connection();
  const { apiUrl } = readConfig();
  return (
    <html lang="en">
      <body>
        <Providers configuredApiUrl={apiUrl}>{children}</Providers>
      </body>
    </html>
  );
}
