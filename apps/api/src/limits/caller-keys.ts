// Who a request comes from, as the limits see it, and the keys its requests count under.
//   - An account counts under the account alone, wherever it connects from: a team behind one
//     office address does not share one allowance, and changing address escapes nothing.
//   - A caller without an account counts under its address (behind a trusted proxy, the
//     address it forwarded: net/client-address.ts), and a guest also under its share link,
//     so one link cannot be spread over many addresses to multiply its allowance.
// Connection caps are taken before the caller is known (at the upgrade), by address alone.
import type { IncomingMessage } from 'node:http';
import type { AddressOf } from '../net/client-address.js';

export interface CallerIdentity {
  address: string;
  /** The signed-in account, when there is one. */
  accountId?: string | null;
  /** The share link a guest came with. */
  linkId?: string | null;
}

/** The keys a caller's requests are counted under. */
export function callerKeys(caller: CallerIdentity): string[] {
  if (caller.accountId) return [`account:${caller.accountId}`];
  const keys = [`address:${caller.address}`];
  if (caller.linkId) keys.push(`link:${caller.linkId}`);
  return keys;
}

/** Finds the caller of an HTTP request or WebSocket upgrade (before any GraphQL context exists). */
export type IdentifyRequest = (req: IncomingMessage) => CallerIdentity;

export function identifyByAddress(addressOf: AddressOf): IdentifyRequest {
  return (req) => ({ address: addressOf(req) });
}

/** Finds the caller of a GraphQL operation from its context. */
export type IdentifyOperation = (context: unknown) => CallerIdentity;
