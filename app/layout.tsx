import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Header } from '@/components/layout/Header';
import { OfflineSupport } from '@/components/layout/OfflineSupport';
import { t } from '@/components/i18n/messages';
import './globals.css';

// Pages name themselves in the tab ("China — 2023 revision — Heilong"): a workshop keeps several open.
export const metadata: Metadata = { title: { default: t('app.name'), template: t('app.pageTitle') }, description: t('app.tagline') };
// Every page reads the session and the database: nothing is prerendered at build time.
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <OfflineSupport />
        <Header />
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
