// Subscriptions and mutations over one WebSocket (graphql-ws, subprotocol
// graphql-transport-ws). graphql-ws reconnects by itself and re-sends active
// subscriptions; this file configures that, adds a dead-connection check, and turns the
// client's events into TransportEvents.
import { createClient, type Client } from 'graphql-ws';
import { backoffDelay, retryWait, type BackoffOptions } from '../backoff.js';
import { authorizationHeader, type TokenSource } from '../credentials.js';
import { OperationError, TransportError, normalizeError, resultError } from '../errors.js';
import type { RequestOperation, SubscriptionOperation } from '../operations.js';
import { subscribeOn } from './subscribe.js';
import type { Sink, Transport, TransportListener, Variables } from './types.js';

export interface WebSocketTransportOptions {
  /** ws(s)://host/graphql */
  readonly url: string;
  /** A WebSocket constructor (browsers: the global one; Node 20: the `ws` package). */
  readonly WebSocket: unknown;
  /** Asked on every (re)connection; sent as connectionParams.authorization. */
  readonly token?: TokenSource;
  readonly onEvent: TransportListener;
  /** Ping interval (ms). Default 10 000. */
  readonly keepAlive?: number;
  /** A ping without a pong for this long (ms) means the socket is dead. Default 5 000. */
  readonly pongTimeout?: number;
  /** Wait for ConnectionAck after the socket opened (ms). Default 4 000. */
  readonly ackTimeout?: number;
  /** A request without an answer for this long (ms) fails. Default 20 000. */
  readonly requestTimeout?: number;
  readonly backoff?: BackoffOptions;
}

// RFC 6455 "Message Too Big": the API closes the socket with it for a message far over its
// size limit. The request that caused it must be dropped, not resent into the same close.
const MESSAGE_TOO_BIG = 1009;

type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
) => { addEventListener?(type: 'error', listener: () => void): void };

/**
 * The given WebSocket class, with an 'error' listener on every socket it makes. When
 * graphql-ws terminates a socket that is still connecting it first removes its own
 * `onerror`, and the `ws` package then throws its "closed before the connection was
 * established" error as an unhandled 'error' event, which kills a Node process.
 */
function withErrorListener(WebSocket: unknown): unknown {
  if (typeof WebSocket !== 'function') return WebSocket;
  const Base = WebSocket as WebSocketConstructor;
  return class extends Base {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener?.('error', () => {});
    }
  };
}

/**
 * The client with operations ended a microtask after the caller asks. graphql-ws ends an
 * operation twice when its caller ends it from inside a result and the server's `complete`
 * for it came in the same chunk of the socket (the `ws` package emits a chunk's messages one
 * after another, with no turn in between): its `complete` handler does not check whether the
 * operation had ended already. Each double end takes a lock of the connection away, and once
 * none is left graphql-ws closes the socket (1000) under the provider's subscriptions, which
 * then reconnect: in Node nearly every push cost a new socket. Ended a microtask later, the
 * operation is ended by that `complete` first, and our end finds it done.
 */
function endingLater(client: Client): Pick<Client, 'subscribe'> {
  return {
    subscribe: (payload, sink) => {
      const end = client.subscribe(payload, sink);
      return () => queueMicrotask(end);
    },
  };
}

function closeCode(event: unknown): number | undefined {
  const code = (event as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  const { onEvent, keepAlive = 10_000, pongTimeout = 5_000, ackTimeout = 4_000, requestTimeout = 20_000 } = options;
  const aborter = new AbortController();
  const pending = new Set<(error: Error) => void>();
  let disposed = false;
  let open = false;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const emit: TransportListener = (event) => {
    if (!disposed) onEvent(event);
  };

  // Requests are not retried by the library: a request that was in flight when the socket
  // closed is failed here, and the update queue decides whether to resend it.
  const failPending = (error: Error) => {
    for (const fail of [...pending]) fail(error);
  };

  let client: Client | undefined;
  client = createClient({
    url: options.url,
    webSocketImpl: withErrorListener(options.WebSocket ?? (globalThis as { WebSocket?: unknown }).WebSocket),
    // Connect now and stay connected: the provider always has subscriptions, and a status
    // indicator should not wait for the first one to show "connected".
    lazy: false,
    connectionParams: async () => {
      const authorization = await authorizationHeader(options.token);
      return authorization ? { authorization } : {};
    },
    keepAlive,
    connectionAckWaitTimeout: ackTimeout,
    retryAttempts: Infinity,
    // Every failure to connect is worth another try (the default gives up on anything that
    // is not a CloseEvent, such as ECONNREFUSED from `ws`); the library still treats
    // protocol violations (4400, 4500, ...) as fatal.
    shouldRetry: () => true,
    retryWait: (retries) => retryWait(backoffDelay(retries, options.backoff), aborter.signal),
    onNonLazyError: (error) => {
      const failure = normalizeError(error);
      failPending(failure);
      emit({ type: 'failed', error: failure });
    },
    on: {
      connecting: () => emit({ type: 'connecting' }),
      connected: () => {
        open = true;
        emit({ type: 'connected' });
      },
      closed: (event) => {
        open = false;
        clearTimeout(pongTimer);
        failPending(
          closeCode(event) === MESSAGE_TOO_BIG
            ? new OperationError('Message too big for the server', 'PAYLOAD_TOO_LARGE')
            : normalizeError(event),
        );
        emit({ type: 'disconnected', error: event });
      },
      // graphql-ws sends pings but does nothing when no pong comes back; a socket behind a
      // dead NAT entry would look open forever. Terminating makes the library reconnect.
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => client?.terminate(), pongTimeout);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });

  return {
    kind: 'websocket',

    subscribe(operation: SubscriptionOperation, variables: () => Variables, sink: Sink) {
      if (!client) throw new TransportError('Transport disposed');
      return subscribeOn(endingLater(client), operation, variables, sink);
    },

    request(operation: RequestOperation, variables: Variables) {
      return new Promise<unknown>((resolve, reject) => {
        if (!client || disposed) return reject(new TransportError('Transport disposed'));
        let settled = false;
        let unsubscribe: (() => void) | undefined;
        const settle = (finish: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          pending.delete(fail);
          unsubscribe?.();
          finish();
        };
        const fail = (error: Error) => settle(() => reject(error));
        const timer = setTimeout(() => fail(new TransportError(`No answer within ${requestTimeout} ms`)), requestTimeout);
        pending.add(fail);
        unsubscribe = endingLater(client).subscribe(
          { query: operation.query, variables },
          {
            next: (result) => {
              const error = resultError(result);
              settle(() => (error ? reject(error) : resolve(result.data)));
            },
            error: (error) => fail(normalizeError(error)),
            complete: () => fail(new TransportError('Completed without a result')),
          },
        );
        if (settled) unsubscribe();
      });
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      aborter.abort();
      clearTimeout(pongTimer);
      failPending(new TransportError('Transport disposed'));
      const current = client;
      client = undefined;
      if (!current) return;
      void Promise.resolve(current.dispose()).catch(() => {});
      // dispose() closes an acknowledged socket, but waits for one that is still connecting
      // to finish first; behind a blackholed upgrade that is minutes. Terminating closes it now.
      if (!open) current.terminate();
    },
  };
}
