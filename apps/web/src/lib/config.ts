// Where the web app finds the API. Read on the server at request time (so one build serves
// any deployment) and handed to the browser through the root layout.
//
//   TANDEM_API_URL               the API's http(s) /graphql URL, read at run time; or a path
//                                such as `/graphql`: the API on the page's own origin, as
//                                behind a reverse proxy serving both (docs/deploy/nginx.conf)
//   NEXT_PUBLIC_TANDEM_API_URL   the same, frozen into the bundle at build time
//   neither                      the page's own host on port 4000: http://<host>:4000/graphql,
//                                so a machine reached as 192.168.1.20:3000 talks to :4000 there
export interface WebConfig {
  /** An absolute URL, or a path on the page's origin; null: the page's host on port 4000. */
  readonly apiUrl: string | null;
}

function checkUrl(name: string, value: string): string {
  // A path (not `//host`, which would be another origin): resolved against the page.
  if (value.startsWith('/') && !value.startsWith('//')) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be the http(s) URL of the API's /graphql endpoint, or a path such as /graphql on the web app's origin, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${name} must use http or https, got "${value}"`);
  }
  return url.href;
}

export function readConfig(env: Record<string, string | undefined> = process.env): WebConfig {
  const runtime = env.TANDEM_API_URL?.trim();
  if (runtime) return { apiUrl: checkUrl('TANDEM_API_URL', runtime) };
  const built = process.env.NEXT_PUBLIC_TANDEM_API_URL?.trim();
  if (built) return { apiUrl: checkUrl('NEXT_PUBLIC_TANDEM_API_URL', built) };
  return { apiUrl: null };
}

/** In the browser: the configured URL (a path taken on the page's origin), or the page's host on the API's default port. */
export function resolveApiUrl(configured: string | null): string {
  if (configured) return new URL(configured, window.location.href).href;
  const { protocol, hostname } = window.location;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  return `${protocol}//${host}:4000/graphql`;
}
