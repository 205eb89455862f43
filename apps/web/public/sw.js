// Tandem's service worker: just enough for a document opened before to reload offline.
// Its text lives in IndexedDB (y-indexeddb); this keeps the page and the scripts around it.
//
//   /_next/static/*   cache first: file names carry a content hash, so they never change
//   page loads        network first; when the network fails, the copy kept from before
//   everything else   untouched, the API above all: on another origin, or under /graphql and
//                     /api/ when a reverse proxy serves both on one origin
const CACHE = 'tandem-v1';

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

// The page tells us what it loaded before we were in control (and each document it opens).
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(
        data.urls
          .filter((url) => typeof url === 'string' && new URL(url).origin === self.location.origin)
          .map(async (url) => {
            try {
              const response = await fetch(url, { credentials: 'same-origin' });
              if (response.ok) await cache.put(pageKey(url), response);
            } catch {
              // Offline already: keep whatever copy there is.
            }
          }),
      );
    })(),
  );
});

/** Pages are kept without their query string (Next adds cache-busting parameters). */
function pageKey(url) {
  const parsed = new URL(url);
  if (parsed.pathname.startsWith('/_next/')) return parsed.href;
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/graphql') || url.pathname.startsWith('/api/')) return;

  if (url.pathname.startsWith('/_next/static/')) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.headers.get('content-type')?.includes('text/html')) {
      await cache.put(pageKey(request.url), response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match(pageKey(request.url));
    if (cached) return cached;
    return new Response(OFFLINE_PAGE, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
  }
}

const OFFLINE_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · Tandem</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:15vh auto;padding:0 1.5rem;color:#1f1d1a;background:#fbfaf8}h1{font-size:1.4rem}</style>
<h1>You're offline</h1>
<p>This page hasn't been opened on this device before, so there is no copy of it here.
Documents you have opened before still work offline. Reconnect and reload to continue.</p></html>`;
