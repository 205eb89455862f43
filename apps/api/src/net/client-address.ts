// Who is on the other end of a request: the socket's address, or, when the socket belongs to a
// proxy we trust (TRUSTED_PROXIES, loopback by default: the nginx of docs/deploy on the same
// host), the address that proxy put in X-Forwarded-For. Express's proxy-addr does the reading:
// it walks X-Forwarded-For from the right and stops at the first address it does not trust,
// so a client cannot pass itself off as someone else by sending the header itself.
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

export type AddressOf = (req: IncomingMessage) => string;

/** `trusted`: proxy-addr's names (loopback, linklocal, uniquelocal), addresses or CIDR ranges. */
export function createAddressOf(trusted: string[]): AddressOf {
  const trust = proxyAddr.compile(trusted);
  return (req) => {
    // A socket already gone has no address; such a request is about to fail anyway.
    if (!req.socket?.remoteAddress) return 'unknown';
    return normalise(proxyAddr(req as Parameters<typeof proxyAddr>[0], trust));
  };
}

/** One spelling per IPv4 address: `::ffff:127.0.0.1` (a dual-stack socket) is 127.0.0.1. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export function isLoopback(address: string): boolean {
  return address === '::1' || /^127\./.test(address);
}
