// The last resort, for networks where neither WebSockets nor event streams get through
// (a proxy that buffers text/event-stream holds every event back): plain HTTP POSTs.
// documentEvents is emulated by asking document(id){ update(stateVector) } every few
// seconds, awarenessEvents by asking document(id){ awareness } (everyone's current state),
// documentChanged by asking document(id){ title latestVersion }, threadEvents by asking
// document(id){ threads } and reporting what changed since the last answer.
// Without a subscription the server cannot tell when a polling client leaves: its presence
// goes when the provider removes it on destroy, or after the 30 s awareness timeout.
import { Backoff, type BackoffOptions } from '../backoff.js';
import { fromBase64 } from '../base64.js';
import { OperationError, normalizeError } from '../errors.js';
import {
  AWARENESS_POLL,
  DOCUMENT_INFO_POLL,
  DOCUMENT_POLL,
  readAwarenessPoll,
  readDocumentInfoPoll,
  readDocumentPoll,
  type RequestOperation,
  type SubscriptionOperation,
} from '../operations.js';
import { isEmptyUpdate } from '../updates.js';
import { readThreadsPoll, threadChanges, threadToWire, THREADS_POLL, type CommentThread } from '../threads.js';
import { postGraphQL, type FetchFn } from './http.js';
import type { Sink, Transport, TransportListener, Variables } from './types.js';

export interface PollingTransportOptions {
  /** http(s)://host/graphql */
  readonly httpUrl: string;
  readonly fetch: FetchFn;
  readonly onEvent: TransportListener;
  /** Time between polls (ms). Default 2 000. */
  readonly interval?: number;
  /** A request without an answer for this long (ms) fails. Default 20 000. */
  readonly requestTimeout?: number;
  readonly backoff?: BackoffOptions;
}

export function createPollingTransport(options: PollingTransportOptions): Transport {
  const { onEvent, interval = 2_000, requestTimeout = 20_000 } = options;
  const http = { url: options.httpUrl, fetch: options.fetch, timeout: requestTimeout };
  const stops = new Set<() => void>();
  let disposed = false;
  const emit: TransportListener = (event) => {
    if (!disposed) onEvent(event);
  };

  /**
   * Runs `ask` now and then every `interval`. A transient failure backs off and retries; an
   * answer that is an error, or says the document does not exist, ends the emulated
   * subscription as it would end a real one (the provider decides what follows).
   * `ask` returns false when the document does not exist; it must emit nothing once
   * `running()` is false.
   */
  function pollLoop(
    sink: Sink,
    ask: (running: () => boolean) => Promise<boolean>,
    onFailure: (error: Error) => void = () => {},
  ): () => void {
    const backoff = new Backoff(options.backoff);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const running = () => !stopped;
    const tick = async () => {
      try {
        const exists = await ask(running);
        if (stopped) return;
        if (!exists) {
          stop();
          sink.error(new OperationError('No document with this id', 'NOT_FOUND'));
          return;
        }
        backoff.reset();
        schedule(interval);
      } catch (caught) {
        if (stopped) return;
        const error = normalizeError(caught);
        if (error instanceof OperationError) {
          stop();
          sink.error(error);
          return;
        }
        onFailure(error);
        schedule(backoff.next());
      }
    };
    const schedule = (ms: number) => {
      if (!stopped) timer = setTimeout(() => void tick(), ms);
    };
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      stops.delete(stop);
    };
    stops.add(stop);
    void tick();
    return stop;
  }

  function pollDocument(variables: () => Variables, sink: Sink): () => void {
    let connected = false;
    return pollLoop(
      sink,
      async (running) => {
        if (!connected) emit({ type: 'connecting' });
        const { documentId, stateVector } = variables();
        const answer = readDocumentPoll(await postGraphQL(http, DOCUMENT_POLL, { id: documentId, stateVector }));
        if (!running() || !answer) return answer !== null;
        if (!connected) {
          // Every (re)connection opens with SYNC, as a subscription would: that is what
          // makes the provider push its offline edits and resend unacknowledged ones.
          connected = true;
          emit({ type: 'connected' });
          sink.next({ documentEvents: { kind: 'SYNC', origin: null, ...answer } });
        } else if (!isEmptyUpdate(fromBase64(answer.update))) {
          sink.next({ documentEvents: { kind: 'UPDATE', origin: null, ...answer } });
        }
        return true;
      },
      (error) => {
        // Every failed poll is a failed connection attempt, as a refused socket would be.
        connected = false;
        emit({ type: 'disconnected', error });
      },
    );
  }

  /** Presence: everyone's current state every interval. Connection state is the document poll's to report. */
  function pollAwareness(variables: () => Variables, sink: Sink): () => void {
    return pollLoop(sink, async (running) => {
      const update = readAwarenessPoll(await postGraphQL(http, AWARENESS_POLL, { id: variables().documentId }));
      if (running() && update !== null) sink.next({ awarenessEvents: { update } });
      return update !== null;
    });
  }

  /** documentChanged: the title and newest version, at the start and whenever they change. */
  function pollInfo(variables: () => Variables, sink: Sink): () => void {
    let last: string | null = null;
    return pollLoop(sink, async (running) => {
      const info = readDocumentInfoPoll(await postGraphQL(http, DOCUMENT_INFO_POLL, { id: variables().documentId }));
      if (!running() || info === null) return info !== null;
      const seen = JSON.stringify(info);
      if (seen !== last) {
        last = seen;
        sink.next({ documentChanged: info });
      }
      return true;
    });
  }

  /**
   * threadEvents: every thread, compared with the previous poll. The first poll reports every
   * thread as CREATED (the provider reads the list itself too; both agree).
   */
  function pollThreads(variables: () => Variables, sink: Sink): () => void {
    let known = new Map<string, CommentThread>();
    return pollLoop(sink, async (running) => {
      const threads = readThreadsPoll(await postGraphQL(http, THREADS_POLL, { id: variables().documentId }));
      if (!running() || threads === null) return threads !== null;
      const events = threadChanges(known, threads);
      known = new Map(threads.map((thread) => [thread.id, thread]));
      for (const event of events) sink.next({ threadEvents: { kind: event.kind, thread: threadToWire(event.thread) } });
      return true;
    });
  }

  return {
    kind: 'polling',

    subscribe(operation: SubscriptionOperation, variables: () => Variables, sink: Sink) {
      switch (operation.name) {
        case 'documentEvents':
          return pollDocument(variables, sink);
        case 'awarenessEvents':
          return pollAwareness(variables, sink);
        case 'documentChanged':
          return pollInfo(variables, sink);
        case 'threadEvents':
          return pollThreads(variables, sink);
        default: {
          const unknown: never = operation;
          throw new Error(`Polling cannot emulate ${(unknown as SubscriptionOperation).name}`);
        }
      }
    },

    request(operation: RequestOperation, variables: Variables) {
      return postGraphQL(http, operation, variables);
    },

    dispose() {
      disposed = true;
      for (const stop of [...stops]) stop();
    },
  };
}
