'use client';
import { usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { t } from '../i18n/messages';

/** Marks <html data-offline-ready> once this page can be reloaded without a network. */
const READY = 'offlineReady';

/**
 * Registers the service worker and asks it to keep the current page and the
 * scripts and styles it loaded, so the tab can be reloaded while offline; a page
 * never opened here gets the worker's offline notice instead of the browser's error.
 */
export function OfflineSupport() {
  const pathname = usePathname();
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    delete document.documentElement.dataset[READY];
    const onMessage = (event: MessageEvent<{ type?: string }>) => {
      if (event.data?.type === 'kept') document.documentElement.dataset[READY] = 'true';
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    void navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const assets = performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((url) => new URL(url).pathname.startsWith('/_next/static/'));
        // The worker cannot read the message catalogue: it is given the words of its offline notice.
        const notice = { lang: document.documentElement.lang, title: t('offline.title'), body: t('offline.notKept'), back: t('offline.back'), retry: t('offline.retry') };
        registration.active?.postMessage({ type: 'keep', urls: [location.href, ...assets], notice });
      })
      .catch(() => undefined);
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }, [pathname]);
  return null;
}

/** Forget kept pages (they hold the signed-in person's data). */
export async function forgetOfflinePages(): Promise<void> {
  if ('caches' in window) for (const key of await caches.keys()) await caches.delete(key);
}
