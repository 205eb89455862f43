// Who is calling and from where, for each transport: an HTTP request (POST and SSE), or a
// WebSocket connection (resolved once, at connection_init, and kept current by the server).
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { ANONYMOUS, type Caller } from '../access/caller.js';
import { INVALID, type Credentials, type PresentedCredentials } from '../access/credentials.js';
import type { OriginPolicy } from '../access/origins.js';
import { SESSION_COOKIE_PREFIX } from '../access/auth.js';
import type { AddressOf } from '../net/client-address.js';
import type { RequestInfo } from './context.js';

const SESSION_COOKIES = [`${SESSION_COOKIE_PREFIX}.session_token`, `__Secure-${SESSION_COOKIE_PREFIX}.session_token`];

/** The session cookie (`name=value`) from a Cookie header, if it holds one. */
export function sessionCookieOf(cookieHeader: string | null | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name && SESSION_COOKIES.includes(name) && value.length > 0) return `${name}=${value.join('=')}`;
  }
  return null;
}

export function headersOf(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

export interface RequestIdentity {
  caller: Caller;
  /** A credential was presented and refused (unknown, expired, revoked). */
  refused: boolean;
  presented: PresentedCredentials;
  info: RequestInfo;
}

export interface IdentityOptions {
  credentials: Credentials;
  origins: OriginPolicy;
  publicUrl: string | undefined;
  /** The client's address (behind a trusted proxy, the one it forwarded: net/client-address.ts). */
  addressOf: AddressOf;
}

/**
 * Resolves the caller of a request (or of a WebSocket connection: `authorization` then comes
 * from connectionParams). The session cookie counts only when the request's origin is one of
 * the web app's (or it has none: not a browser), so another site cannot act with it.
 */
export async function identify(
  options: IdentityOptions,
  request: { headers: Headers; authorization: string | null; node?: IncomingMessage },
): Promise<RequestIdentity> {
  const { headers } = request;
  const origin = headers.get('origin');
  const originAllowed = origin !== null && options.origins.allows(origin, headers.get('host'), headers.get('sec-fetch-site'));
  const sessionCookie = !origin || originAllowed ? sessionCookieOf(headers.get('cookie')) : null;
  const presented: PresentedCredentials = { authorization: request.authorization, sessionCookie };
  const resolution = await options.credentials.resolve(presented);
  const credentials = new Headers();
  if (presented.authorization) credentials.set('authorization', presented.authorization);
  if (presented.sessionCookie) credentials.set('cookie', presented.sessionCookie);
  return {
    caller: resolution === INVALID ? ANONYMOUS : resolution,
    refused: resolution === INVALID,
    presented,
    info: {
      address: request.node ? options.addressOf(request.node) : 'unknown',
      credentials,
      webOrigin: options.publicUrl ?? (originAllowed ? origin : null),
      responseCookies: [],
    },
  };
}
