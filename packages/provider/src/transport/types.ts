// What the provider needs from a way of talking to the API. Three implementations:
// websocket.ts (graphql-ws), sse.ts (graphql-sse + HTTP POST) and polling.ts (HTTP only).
import type { OperationError, TransportError } from '../errors.js';
import type { RequestOperation, SubscriptionOperation } from '../operations.js';

export type TransportKind = 'websocket' | 'sse' | 'polling';

/** What a caller may force; 'auto' walks the fallback chain websocket → sse → polling. */
export type TransportMode = TransportKind | 'auto';

export type Variables = Record<string, unknown>;

/** Receives the `data` of each result; errors arrive already sorted into the two classes. */
export interface Sink {
  next(data: unknown): void;
  error(error: OperationError | TransportError): void;
  complete(): void;
}

/**
 * The life of the channel underneath. Transports reconnect by themselves (with backoff);
 * these events let the provider show it and decide on fallbacks.
 */
export type TransportEvent =
  /** An attempt to (re)connect has started. */
  | { readonly type: 'connecting' }
  /** The channel is open; subscriptions (re)start now and will open with a fresh SYNC. */
  | { readonly type: 'connected' }
  /** The channel dropped; the transport will retry by itself. */
  | { readonly type: 'disconnected'; readonly error?: unknown }
  /** The transport gave up (a fatal close); it has to be replaced. */
  | { readonly type: 'failed'; readonly error: unknown };

export type TransportListener = (event: TransportEvent) => void;

export interface Transport {
  readonly kind: TransportKind;
  /**
   * Starts a subscription that survives reconnects. `variables` is called on every
   * (re)subscribe: after a reconnect documentEvents must carry the state vector the doc has
   * then, not the one it had when the provider started, or every SYNC resends the world.
   * Returns the function that ends it; after calling it the sink hears nothing more.
   */
  subscribe(operation: SubscriptionOperation, variables: () => Variables, sink: Sink): () => void;
  /** One query or mutation; resolves with `data`, rejects with OperationError | TransportError. */
  request(operation: RequestOperation, variables: Variables): Promise<unknown>;
  /** Ends everything; events stop, pending requests reject. */
  dispose(): void;
}

/**
 * Wraps a sink so that nothing reaches it after it errored or completed (graphql-ws sends
 * an error and then completes) or after `close()`: both client libraries call `complete`
 * on a subscription that was ended from this side, which must not look like the server
 * ending it.
 */
export function guardSink(sink: Sink): { readonly sink: Sink; close(): void } {
  let closed = false;
  return {
    sink: {
      next(data) {
        if (!closed) sink.next(data);
      },
      error(error) {
        if (closed) return;
        closed = true;
        sink.error(error);
      },
      complete() {
        if (closed) return;
        closed = true;
        sink.complete();
      },
    },
    close() {
      closed = true;
    },
  };
}

/**
 * A variables object that JSON-serialises to `read()` at the moment it is sent. graphql-ws
 * and graphql-sse re-send a subscription's original payload after every reconnect, and
 * serialise it with JSON.stringify each time, so this is how a resubscription gets the
 * current state vector.
 */
export function liveVariables(read: () => Variables): Variables {
  return { toJSON: read };
}
