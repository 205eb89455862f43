// Registers public/sw.js, which keeps the pages and scripts already seen on this device so a
// document opened before can be reloaded offline (its text comes from IndexedDB).
export function registerServiceWorker(): void {
  if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // What this page already loaded came before the worker could see it: hand it over.
      const urls = new Set<string>([window.location.href]);
      for (const entry of performance.getEntriesByType('resource')) {
        if (entry.name.startsWith(`${window.location.origin}/_next/static/`)) urls.add(entry.name);
      }
      for (const script of Array.from(document.scripts)) {
        if (script.src.startsWith(`${window.location.origin}/_next/static/`)) urls.add(script.src);
      }
      registration.active?.postMessage({ type: 'cache', urls: [...urls] });
    })
    .catch(() => {
      // Offline reloads are a convenience; the editor works without them.
    });
}

/** Ask the worker to keep this page (called when a document page opens). */
export function cacheCurrentPage(): void {
  if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.ready.then((registration) =>
    registration.active?.postMessage({ type: 'cache', urls: [window.location.href] }),
  );
}
