// Subscriptions over Server-Sent Events (graphql-sse, single connection "reservation" mode:
// one event stream per client however many subscriptions run on it, which matters for
// browsers' six-connections-per-host limit on HTTP/1), mutations over plain HTTP POST.
// For networks where WebSockets are blocked.
import { createClient, type Client } from 'graphql-sse';
import { backoffDelay, retryWait, type BackoffOptions } from '../backoff.js';
import { TransportError, normalizeError } from '../errors.js';
import type { RequestOperation, SubscriptionOperation } from '../operations.js';
import { postGraphQL, type FetchFn } from './http.js';
import { subscribeOn } from './subscribe.js';
import type { Sink, Transport, TransportListener, Variables } from './types.js';

export interface SseTransportOptions {
  /** http(s)://host/graphql/stream */
  readonly streamUrl: string;
  /** http(s)://host/graphql, for queries and mutations. */
  readonly httpUrl: string;
  readonly fetch: FetchFn;
  readonly onEvent: TransportListener;
  /** A request without an answer for this long (ms) fails. Default 20 000. */
  readonly requestTimeout?: number;
  /**
   * An event stream that has carried nothing, not even the server's keep-alive comment
   * (graphql-sse sends one every 12 s), for this long (ms) is treated as dead. Default 30 000.
   */
  readonly idleTimeout?: number;
  readonly backoff?: BackoffOptions;
}

/**
 * A fetch whose event-stream responses fail once they go quiet. graphql-sse has no
 * liveness check of its own, and a stream behind a dropped NAT entry or a laptop that
 * slept stays "open" forever; failing it makes graphql-sse reconnect as after any other
 * network error.
 */
function watchStreams(fetchFn: FetchFn, idleTimeout: number): FetchFn {
  return async (input, init) => {
    const response = await fetchFn(input, init);
    const accept = new Headers(init?.headers).get('accept') ?? '';
    if (!accept.includes('text/event-stream') || !response.body) return response;
    const reader = response.body.getReader();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    let fail: (error: unknown) => void = () => {};
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(new TransportError(`Event stream silent for ${idleTimeout} ms`)), idleTimeout);
    };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        fail = (error) => {
          if (finished) return;
          finished = true;
          clearTimeout(timer);
          controller.error(error);
          reader.cancel(error).catch(() => {});
        };
        arm();
        // Disposing the client aborts the request; the idle timer must not outlive it.
        init?.signal?.addEventListener('abort', () => fail(new TransportError('Event stream aborted')), { once: true });
      },
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (finished) return;
          if (done) {
            finished = true;
            clearTimeout(timer);
            controller.close();
            return;
          }
          arm();
          controller.enqueue(value);
        } catch (error) {
          fail(error);
        }
      },
      cancel(reason) {
        finished = true;
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

export function createSseTransport(options: SseTransportOptions): Transport {
  const { onEvent, requestTimeout = 20_000 } = options;
  const aborter = new AbortController();
  let disposed = false;
  const emit: TransportListener = (event) => {
    if (!disposed) onEvent(event);
  };

  const client: Client<true> = createClient({
    url: options.streamUrl,
    singleConnection: true,
    // Open the stream now rather than on the first subscribe, like the WebSocket transport.
    lazy: false,
    fetchFn: watchStreams(options.fetch, options.idleTimeout ?? 30_000),
    retryAttempts: Infinity,
    // graphql-sse has no "closed" event; it calls `retry` as soon as it has noticed that
    // the stream broke, before waiting, so that is where the drop becomes visible.
    retry: async (retries) => {
      emit({ type: 'disconnected' });
      await retryWait(backoffDelay(retries, options.backoff), aborter.signal);
    },
    onNonLazyError: (error) => emit({ type: 'failed', error: normalizeError(error) }),
    on: {
      connecting: () => emit({ type: 'connecting' }),
      connected: () => emit({ type: 'connected' }),
    },
  });

  const http = { url: options.httpUrl, fetch: options.fetch, timeout: requestTimeout };

  return {
    kind: 'sse',

    subscribe(operation: SubscriptionOperation, variables: () => Variables, sink: Sink) {
      return subscribeOn(client, operation, variables, sink);
    },

    request(operation: RequestOperation, variables: Variables) {
      if (disposed) return Promise.reject(new TransportError('Transport disposed'));
      return postGraphQL(http, operation, variables);
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      aborter.abort();
      client.dispose();
    },
  };
}
