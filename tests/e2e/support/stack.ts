// One end-to-end setup: a real API, optionally a hostile proxy in front of it, and the built
// web app pointed at whichever of the two the browser should use.
import { startApi, type TestApi } from '../../support/api.js';
import { startProxy, type ProxyMode, type TestProxy } from '../../support/proxy.js';
import { freePort, startWeb, type WebApp } from './web.js';

export interface Stack {
  readonly api: TestApi;
  readonly proxy: TestProxy | null;
  readonly web: WebApp;
  close(): Promise<void>;
}

/** `admin: false` leaves the server without accounts, as a fresh install (first run). */
export async function startStack(options: { proxy?: ProxyMode; admin?: boolean } = {}): Promise<Stack> {
  const port = await freePort();
  const api = await startApi({ env: { CORS_ORIGINS: `http://127.0.0.1:${port}` }, admin: options.admin });
  const proxy = options.proxy ? await startProxy({ target: api.url, mode: options.proxy }) : null;
  const web = await startWeb({ port, apiUrl: proxy?.url ?? api.url });
  return {
    api,
    proxy,
    web,
    close: async () => {
      await web.close();
      await proxy?.close();
      await api.close();
    },
  };
}
