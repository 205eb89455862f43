// Who a request comes from, as the limits see it. Today that is the caller's address (behind a
// trusted proxy, the address it forwarded: net/client-address.ts). Once accounts exist, the
// caller's account joins it: every limit then counts under each key, so a person cannot escape
// a per-account limit by changing address, nor many accounts share one address's allowance.
import type { IncomingMessage } from 'node:http';
import type { AddressOf } from '../net/client-address.js';

export interface Caller {
  address: string;
  /** The signed-in account, when there is one (accounts, issue 7). */
  accountId?: string | null;
}

/** The keys a caller's requests are counted under. */
export function callerKeys(caller: Caller): string[] {
  const keys = [`address:${caller.address}`];
  if (caller.accountId) keys.push(`account:${caller.accountId}`);
  return keys;
}

/** Finds the caller of an HTTP request or WebSocket upgrade. */
export type IdentifyCaller = (req: IncomingMessage) => Caller;

export function callerByAddress(addressOf: AddressOf): IdentifyCaller {
  return (req) => ({ address: addressOf(req) });
}
