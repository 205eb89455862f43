// What the provider tells its users: where the connection stands, and what went wrong.
import type { DocumentInfo } from './operations.js';
import type { Link } from './connector.js';
import type { OperationError } from './errors.js';
import type { TransportKind } from './transport/types.js';

/**
 * - connecting: trying to reach the server (first time, or again after a drop)
 * - connected: the transport is open; `synced` once this connection's SYNC is applied
 * - offline: the server cannot be reached (or the browser says it is offline, or
 *   disconnect() was called); edits keep queueing and go out on reconnect
 * - deleted: the document does not exist (any more), or the caller may not see it; the
 *   provider has stopped
 * - denied: the caller's access ended while it was open; the provider has stopped, and keeps
 *   the edits it could not send (`reason`: `unauthenticated` when the session or token ended,
 *   so the person must sign in again; `forbidden` when the document was unshared)
 */
export type ProviderStatus = (
  | {
      readonly state: 'connecting' | 'offline';
      readonly transport: TransportKind | null;
      readonly synced: false;
    }
  | {
      readonly state: 'connected';
      readonly transport: TransportKind;
      readonly synced: boolean;
    }
  | {
      readonly state: 'deleted';
      readonly transport: null;
      readonly synced: false;
    }
  | {
      readonly state: 'denied';
      readonly transport: null;
      readonly synced: false;
      readonly reason: DenialReason;
    }
) & {
  /** Local updates not yet acknowledged by the server. */
  readonly pending: number;
  /**
   * Local updates the server refused for good (too large, or unreadable). The local doc holds
   * changes the server will never have, and this client's later edits build on them (Yjs
   * orders each client's changes), so they cannot be stored either: nothing is "saved" while
   * this is above 0. The way back is a fresh copy of the document from the server.
   */
  readonly refused: number;
};

export type ConnectionState = ProviderStatus['state'];

export type DenialReason = 'unauthenticated' | 'forbidden';

/** Reported through the 'error' event. None of them stops the provider except document-deleted. */
export type ProviderError =
  /** The server refused this update for good (BAD_USER_INPUT, PAYLOAD_TOO_LARGE); it was dropped. */
  | { readonly type: 'update-rejected'; readonly error: OperationError; readonly update: Uint8Array }
  /** NOT_FOUND: the document was deleted, or never existed. */
  | { readonly type: 'document-deleted'; readonly error: OperationError }
  /**
   * UNAUTHENTICATED / FORBIDDEN: a push refused (edits stay pending and are retried, e.g. after
   * the role was lowered below EDITOR), or access ended (then the status is `denied`).
   */
  | { readonly type: 'access-denied'; readonly error: OperationError }
  /** A subscription ended with an error; it is restarted after a backoff. */
  | { readonly type: 'subscription-failed'; readonly error: Error }
  /** The server sent data this provider could not read. */
  | { readonly type: 'protocol'; readonly error: Error }
  /** A transport could not be created or gave up (e.g. no WebSocket implementation). */
  | { readonly type: 'transport-failed'; readonly transport: TransportKind; readonly error: unknown };

export type ProviderEvents = {
  status: (status: ProviderStatus) => void;
  /** The first SYNC of a connection has been applied (once per (re)connect). */
  synced: () => void;
  /** The document's title or newest version (with `watchDocument`): on connecting, and on each change. */
  document: (info: DocumentInfo) => void;
  error: (error: ProviderError) => void;
};

export function sameStatus(a: ProviderStatus, b: ProviderStatus): boolean {
  const reason = (status: ProviderStatus) => (status.state === 'denied' ? status.reason : null);
  return (
    a.state === b.state &&
    a.transport === b.transport &&
    a.synced === b.synced &&
    a.pending === b.pending &&
    a.refused === b.refused &&
    reason(a) === reason(b)
  );
}

/** The status for a link state plus what the provider knows about the document. */
export function statusOf(
  link: Link,
  document: {
    readonly synced: boolean;
    readonly deleted: boolean;
    readonly denied: DenialReason | null;
    readonly pending: number;
    readonly refused: number;
  },
): ProviderStatus {
  const { pending, refused } = document;
  if (document.deleted) return { state: 'deleted', transport: null, synced: false, pending, refused };
  if (document.denied) return { state: 'denied', transport: null, synced: false, reason: document.denied, pending, refused };
  const { phase, transport } = link;
  switch (phase) {
    case 'connected':
      return transport
        ? { state: 'connected', transport, synced: document.synced, pending, refused }
        : { state: 'connecting', transport, synced: false, pending, refused };
    case 'connecting':
      return { state: 'connecting', transport, synced: false, pending, refused };
    case 'offline':
    case 'stopped':
      return { state: 'offline', transport, synced: false, pending, refused };
    default: {
      const unknown: never = phase;
      throw new Error(`Unknown link phase ${String(unknown)}`);
    }
  }
}
