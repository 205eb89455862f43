// One place that knows how to build each kind of transport from the provider's settings.
import type { BackoffOptions } from '../backoff.js';
import type { TokenSource } from '../credentials.js';
import type { Endpoints } from '../endpoints.js';
import type { FetchFn } from './http.js';
import { createPollingTransport } from './polling.js';
import { createSseTransport } from './sse.js';
import type { Transport, TransportKind, TransportListener } from './types.js';
import { createWebSocketTransport } from './websocket.js';

export interface TransportSettings {
  readonly endpoints: Endpoints;
  /** Already carries the caller's credentials (credentials.ts). */
  readonly fetch: FetchFn;
  /** Sent as connectionParams on every WebSocket (re)connection. */
  readonly token?: TokenSource;
  /** WebSocket constructor; undefined means the global one. */
  readonly WebSocket?: unknown;
  readonly keepAlive?: number;
  readonly pollInterval?: number;
  readonly requestTimeout?: number;
  readonly backoff?: BackoffOptions;
}

/** Throws when the kind cannot work here (no WebSocket implementation, for one). */
export function createTransport(kind: TransportKind, settings: TransportSettings, onEvent: TransportListener): Transport {
  const { endpoints, fetch, requestTimeout, backoff } = settings;
  switch (kind) {
    case 'websocket':
      return createWebSocketTransport({
        url: endpoints.websocket,
        WebSocket: settings.WebSocket,
        token: settings.token,
        onEvent,
        keepAlive: settings.keepAlive,
        requestTimeout,
        backoff,
      });
    case 'sse':
      return createSseTransport({
        streamUrl: endpoints.stream,
        httpUrl: endpoints.http,
        fetch,
        onEvent,
        requestTimeout,
        backoff,
      });
    case 'polling':
      return createPollingTransport({
        httpUrl: endpoints.http,
        fetch,
        onEvent,
        interval: settings.pollInterval,
        requestTimeout,
        backoff,
      });
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown transport ${String(unknown)}`);
    }
  }
}
