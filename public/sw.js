// Heilong's service worker: keeps the pages people have opened, and the scripts
// they need, so a workshop tab can be reloaded while offline. Ratings themselves
// live in IndexedDB (y-indexeddb) and sync when the connection returns.
const CACHE = 'heilong-offline-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// The page asks for its own address and assets to be kept (it loaded before this worker controlled it).
self.addEventListener('message', (event) => {
  const { type, urls } = event.data ?? {};
  if (type !== 'keep' || !Array.isArray(urls)) return;
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      await Promise.all(urls.filter(isKeepable).map((url) => fetch(url, { credentials: 'same-origin' }).then((r) => r.ok && cache.put(url, r)).catch(() => undefined)));
      event.source?.postMessage({ type: 'kept' });
    }),
  );
});

function isKeepable(url) {
  const { origin, pathname } = new URL(url, self.location.href);
  return origin === self.location.origin && !pathname.startsWith('/api/') && !pathname.startsWith('/collab');
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !isKeepable(request.url)) return;
  const immutable = new URL(request.url).pathname.startsWith('/_next/static/');
  event.respondWith(immutable ? cacheFirst(request) : networkFirst(request));
});

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok && request.mode === 'navigate') (await caches.open(CACHE)).put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}
