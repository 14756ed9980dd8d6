// Heilong's service worker: keeps the pages people have opened, and the scripts
// they need, so a workshop tab can be reloaded while offline. Ratings themselves
// live in IndexedDB (y-indexeddb) and sync when the connection returns.
const CACHE = 'heilong-offline-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// Where the notice for pages never opened here is kept: not an address the app serves.
const NOTICE = '/__heilong-offline-notice';

// The page asks for its own address and assets to be kept (it loaded before this worker controlled it), and
// gives the words of the offline notice in its language.
self.addEventListener('message', (event) => {
  const { type, urls, notice } = event.data ?? {};
  if (type !== 'keep' || !Array.isArray(urls)) return;
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      if (notice) await cache.put(NOTICE, new Response(noticePage(notice), { headers: { 'content-type': 'text/html; charset=utf-8' } }));
      await Promise.all(urls.filter(isKeepable).map((url) => fetch(url, { credentials: 'same-origin' }).then((r) => r.ok && cache.put(url, r)).catch(() => undefined)));
      event.source?.postMessage({ type: 'kept' });
    }),
  );
});

function noticePage({ lang, title, body, back, retry }) {
  const text = (value) => String(value ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  return `<!doctype html><html lang="${text(lang || 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${text(title)}</title></head><body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1c1917; line-height: 1.5">`
    + `<h1 style="font-size: 1.5rem">${text(title)}</h1><p>${text(body)}</p>`
    + `<p><button type="button" onclick="history.back()">${text(back)}</button> <button type="button" onclick="location.reload()">${text(retry)}</button></p></body></html>`;
}

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
    const notice = request.mode === 'navigate' && (await caches.match(NOTICE));
    if (notice) return new Response(notice.body, { status: 503, headers: notice.headers });
    throw error;
  }
}
