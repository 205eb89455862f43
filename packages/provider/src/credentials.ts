// How the provider proves who it is (access.graphql, "Callers"): a bearer token, when it has
// one, as the `authorization` header of every HTTP request and event stream and as graphql-ws
// connectionParams; and in a browser the session cookie, sent with every request
// (credentials: 'include', since the API may live on another port of the same host).
import type { FetchFn } from './transport/http.js';

/**
 * A token, or a function asked before every request and every (re)connection, so a token
 * that changes (a new sign-in) is picked up without a new provider.
 */
export type TokenSource = string | (() => string | null | undefined | Promise<string | null | undefined>);

export async function readToken(source: TokenSource | undefined): Promise<string | null> {
  if (source === undefined) return null;
  const token = typeof source === 'string' ? source : await source();
  return token || null;
}

export async function authorizationHeader(source: TokenSource | undefined): Promise<string | null> {
  const token = await readToken(source);
  return token ? `Bearer ${token}` : null;
}

/** `fetch` with the caller's credentials on every request. */
export function withCredentials(fetchFn: FetchFn, token: TokenSource | undefined): FetchFn {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    const authorization = await authorizationHeader(token);
    if (authorization) headers.set('authorization', authorization);
    return fetchFn(input, { ...init, headers, credentials: 'include' });
  };
}
