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
        {/* The first Tab stop, shown once focused: past the header to the page itself (keyboard and switch users). */}
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow">
          {t('nav.skipToContent')}
        </a>
        <OfflineSupport />
        <Header />
        <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none">{children}</main>
      </body>
    </html>
  );
}
