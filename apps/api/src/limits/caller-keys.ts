// Who a request comes from, as the limits see it, and the keys its requests count under. Today
// that is the caller's address (behind a trusted proxy, the address it forwarded:
// net/client-address.ts). Once accounts are wired in, the caller's account joins it: every
// limit then counts under each key, so a person cannot escape a per-account limit by changing
// address, nor many accounts share one address's allowance.
import type { IncomingMessage } from 'node:http';
import type { AddressOf } from '../net/client-address.js';

export interface CallerIdentity {
  address: string;
  /** The signed-in account, when there is one. */
  accountId?: string | null;
}

/** The keys a caller's requests are counted under. */
export function callerKeys(caller: CallerIdentity): string[] {
  const keys = [`address:${caller.address}`];
  if (caller.accountId) keys.push(`account:${caller.accountId}`);
  return keys;
}

/** Finds the caller of an HTTP request or WebSocket upgrade (before any GraphQL context exists). */
export type IdentifyRequest = (req: IncomingMessage) => CallerIdentity;

export function identifyByAddress(addressOf: AddressOf): IdentifyRequest {
  return (req) => ({ address: addressOf(req) });
}

/** Finds the caller of a GraphQL operation from its context. */
export type IdentifyOperation = (context: unknown) => CallerIdentity;

/** From the context's node request (yoga puts `req` there for HTTP and SSE; server.ts does for WebSocket). */
export function identifyOperationByAddress(identify: IdentifyRequest): IdentifyOperation {
  return (context) => {
    const req = (context as { req?: IncomingMessage }).req;
    return req ? identify(req) : { address: 'unknown' };
  };
}
