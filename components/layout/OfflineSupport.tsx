'use client';
import { usePathname } from 'next/navigation';
import { useEffect } from 'react';

/** Marks <html data-offline-ready> once this page can be reloaded without a network. */
const READY = 'offlineReady';

/**
 * Registers the service worker and asks it to keep the current page and the
 * scripts and styles it loaded, so the tab can be reloaded while offline.
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
        registration.active?.postMessage({ type: 'keep', urls: [location.href, ...assets] });
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
