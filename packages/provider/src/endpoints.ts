// The API serves everything on one port (DESIGN.md): POST at /graphql, graphql-ws on the
// same path, graphql-sse at /graphql/stream (the @graphql-yoga/plugin-graphql-sse default).
// The provider is given the first and derives the other two.

export interface Endpoints {
  /** http(s)://host/graphql: queries and mutations. */
  readonly http: string;
  /** ws(s)://host/graphql: graphql-ws. */
  readonly websocket: string;
  /** http(s)://host/graphql/stream: graphql-sse. */
  readonly stream: string;
}

/** `url` may be relative in a browser ("/graphql"); it resolves against the page. */
export function endpoints(url: string, base: string | undefined = globalThis.location?.href): Endpoints {
  const http = new URL(url, base);
  if (http.protocol !== 'http:' && http.protocol !== 'https:') {
    throw new TypeError(`Expected an http(s) URL of the /graphql endpoint, got ${url}`);
  }
  const websocket = new URL(http.href);
  websocket.protocol = http.protocol === 'https:' ? 'wss:' : 'ws:';
  const stream = new URL(http.href);
  stream.pathname = `${http.pathname.replace(/\/+$/, '')}/stream`;
  return { http: http.href, websocket: websocket.href, stream: stream.href };
}
