// One end-to-end setup as people deploy it: a real API and the built web app behind Debian's
// nginx, under one origin (`/` the web app, `/graphql` the API). nginx runs with
// docs/deploy/nginx.conf, or with a configuration playing a hostile network.
import { startApi, type TestApi } from '../../support/api.js';
import { DEPLOY_CONFIG, HOSTILE_CONFIGS, startNginx, type HostileNetwork, type Nginx } from '../../support/nginx.js';
import { freePort } from '../../support/ports.js';
import { startWeb, type WebApp } from './web.js';

export interface Stack {
  /** The origin the browser opens: nginx in front of the web app and the API. */
  readonly url: string;
  /** The API itself, for tests that act as another client or check what is stored. */
  readonly api: TestApi;
  readonly web: WebApp;
  readonly nginx: Nginx;
  close(): Promise<void>;
}

/** `admin: false` leaves the server without accounts, as a fresh install (first run). */
export async function startStack(options: { network?: HostileNetwork; admin?: boolean } = {}): Promise<Stack> {
  const api = await startApi({ admin: options.admin });
  const port = await freePort();
  // Same origin: the editor calls the API at the page's own /graphql.
  const web = await startWeb({ port, apiUrl: '/graphql' });
  const apiAddress = new URL(api.url).host;
  const nginx = await startNginx({
    file: options.network ? HOSTILE_CONFIGS[options.network] : DEPLOY_CONFIG,
    web: `127.0.0.1:${port}`,
    api: apiAddress,
  }).catch(async (error: unknown) => {
    await web.close();
    await api.close();
    throw error;
  });
  return {
    url: nginx.url,
    api,
    web,
    nginx,
    close: async () => {
      await nginx.close();
      await web.close();
      await api.close();
    },
  };
}
