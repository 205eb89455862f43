// Which web pages may call the API with the browser's credentials (CORS with credentials,
// the session cookie, the WebSocket upgrade). A page of the web app is allowed when its origin
//   - is PUBLIC_URL's, or one listed in CORS_ORIGINS; or
//   - without PUBLIC_URL, is on the same host as the API, any port: `npm start` serves the web
//     app on :3000 and the API on :4000 of one machine, reached as localhost or by its LAN
//     address alike, so this works from another machine with nothing configured; or
//   - is the origin the browser reached the API at (`Sec-Fetch-Site: same-origin`, which only a
//     browser sets and no page can forge): the web app and the API behind one reverse proxy,
//     whatever Host header the proxy sends on.
// Scripts send no Origin and authenticate with a bearer token; they are not concerned.
export interface OriginPolicy {
  /**
   * Whether a page from `origin` may use credentials with the API reached as `host`;
   * `fetchSite` is the request's Sec-Fetch-Site header.
   */
  allows(origin: string, host: string | null, fetchSite?: string | null): boolean;
  /** The origins allowed whatever the host (for messages and better-auth). */
  readonly configured: readonly string[];
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** The host name of a Host header value (`example.com:4000`, `[::1]:4000`). */
function hostnameOf(host: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(host);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return host.replace(/:\d+$/, '').toLowerCase();
}

export function createOriginPolicy(options: { publicUrl: string | undefined; corsOrigins: readonly string[] }): OriginPolicy {
  const configured = [options.publicUrl, ...options.corsOrigins]
    .map((url) => (url ? originOf(url) : null))
    .filter((origin): origin is string => origin !== null);
  const sameHostAllowed = !options.publicUrl;
  return {
    configured,
    allows(origin, host, fetchSite) {
      if (fetchSite === 'same-origin' || configured.includes(origin)) return true;
      if (!sameHostAllowed || !host) return false;
      let hostname: string;
      try {
        hostname = new URL(origin).hostname.replace(/^\[|\]$/g, '').toLowerCase();
      } catch {
        return false;
      }
      return hostname === hostnameOf(host);
    },
  };
}
