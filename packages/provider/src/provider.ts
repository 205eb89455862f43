// TandemProvider: keeps a Y.Doc (and its awareness) in sync with one document of the API,
// over the GraphQL contract. The sync protocol is DESIGN.md's "Sync protocol":
//
//   1. subscribe documentEvents(documentId, stateVector = Y.encodeStateVector(doc))
//   2. SYNC: apply what the server has that we lack, then push what we have that the server
//      lacks, Y.encodeStateAsUpdate(doc, serverStateVector): the edits made offline
//   3. UPDATE: apply, unless it is the echo of our own push (origin === this.origin)
//   4. local edits go through the UpdateQueue: batched, kept until acknowledged, resent
//
// Which transport carries it all is the Connector's business; this class only sees
// whichever transport is attached and the events it reports.
import { ObservableV2 } from 'lib0/observable';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AwarenessChannel } from './awareness-channel.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import { toBase64 } from './base64.js';
import { Connector, type ConnectorHost } from './connector.js';
import { withCredentials, type TokenSource } from './credentials.js';
import { endpoints, type Endpoints } from './endpoints.js';
import { OperationError, TransportError, classifyError, retryAfterMs } from './errors.js';
import {
  AWARENESS_EVENTS,
  DOCUMENT_CHANGED,
  DOCUMENT_EVENTS,
  PING,
  PUSH_AWARENESS,
  PUSH_UPDATE,
  readAwarenessEvent,
  readDocumentChanged,
  readDocumentEvent,
  type DocumentEvent,
  type DocumentInfo,
} from './operations.js';
import { sameStatus, statusOf, type DenialReason, type ProviderEvents, type ProviderStatus } from './status.js';
import { readThreadEvent, readThreadsPoll, ThreadList, THREAD_EVENTS, THREADS_POLL, type CommentThread } from './threads.js';
import { httpReachable, type FetchFn } from './transport/http.js';
import { createTransport, type TransportSettings } from './transport/create.js';
import type { Transport, TransportKind, TransportMode } from './transport/types.js';
import { RefusedRanges, holdsNewTo, isEmptyUpdate, splitByClient } from './updates.js';
import { UpdateQueue, type FailureAction } from './update-queue.js';

export interface TandemProviderOptions {
  /** The API's http(s) /graphql URL (relative in a browser is fine); ws and stream URLs derive from it. */
  readonly url: string;
  readonly documentId: string;
  readonly doc: Y.Doc;
  /** Created (and destroyed with the provider) when not given. */
  readonly awareness?: Awareness;
  /** Force one transport, or 'auto' (default): websocket → sse → polling. */
  readonly transport?: TransportMode;
  /** WebSocket constructor. Default: the global one; Node 20 has none, pass the `ws` package. */
  readonly WebSocket?: unknown;
  /** Default: the global fetch. */
  readonly fetch?: FetchFn;
  /**
   * What the server was known to have in an earlier session (a state vector kept by the app,
   * e.g. taken when the status last showed nothing pending). Whatever the local doc holds
   * beyond it (edits made offline before a reload) counts as pending from the start, instead
   * of only after the first SYNC.
   */
  readonly serverStateVector?: Uint8Array;
  /**
   * A bearer token: a session token, an API token or a share link's token (see
   * credentials.ts). A browser signed in with the session cookie needs none.
   */
  readonly token?: TokenSource;
  /**
   * Also follow the document's title and newest version ('document' events, `documentInfo`),
   * over whichever transport is live. This is the API's documentChanged, beyond the contract:
   * against a server without it the channel stops quietly. Default false.
   */
  readonly watchDocument?: boolean;
  /** Connect in the constructor. Default true; otherwise call connect(). */
  readonly connect?: boolean;
  /** How long local edits are collected into one pushUpdate (ms). Default 20. */
  readonly batchDelay?: number;
  /** Polling transport: time between polls (ms). Default 2 000. */
  readonly pollInterval?: number;
  /** Degraded transports retry the better ones this often (ms). Default 45 000. */
  readonly upgradeInterval?: number;
  /** Time a transport gets to come up before it is suspected (ms); see ConnectorOptions. */
  readonly connectTimeout?: Partial<Record<TransportKind, number>>;
  /** A request without an answer for this long fails and is retried (ms). Default 20 000. */
  readonly requestTimeout?: number;
  /** WebSocket ping interval (ms). Default 10 000. */
  readonly keepAlive?: number;
  /** Awareness pushes are throttled to one per this many ms. Default 50. */
  readonly awarenessThrottle?: number;
  /** Reconnects and resends back off like this. Default 500 ms doubling up to 10 s, jittered. */
  readonly backoff?: BackoffOptions;
}

/**
 * The subscriptions ('info' only with watchDocument, 'threads' while someone watches them);
 * each is restarted on its own when it ends.
 */
type ChannelName = 'document' | 'awareness' | 'info' | 'threads';

interface Channel {
  end: (() => void) | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  readonly backoff: Backoff;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

function randomId(): string {
  return Math.random().toString(36).slice(2, 10);
}

export class TandemProvider extends ObservableV2<ProviderEvents> {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly documentId: string;
  /** Sent with every pushUpdate, so our own UPDATE events can be recognised and skipped. */
  readonly origin: string;

  readonly #endpoints: Endpoints;
  readonly #fetch: FetchFn;
  readonly #transportSettings: TransportSettings;
  readonly #ownsAwareness: boolean;
  readonly #queue: UpdateQueue;
  readonly #awarenessChannel: AwarenessChannel;
  readonly #connector: Connector;
  readonly #channels: Record<ChannelName, Channel>;
  readonly #refused = new RefusedRanges();
  /** ClientIDs this provider's doc has written local edits under (a doc may change its clientID). */
  readonly #ownClients = new Set<number>();
  /** SYNC push-backs of other people's structs: refusing them is no news for this user (see #pushBack). */
  readonly #othersStructs = new WeakSet<Uint8Array>();
  #transport: Transport | null = null;
  #synced = false;
  #deleted = false;
  /** Why access ended while open; null while it has not. */
  #denied: DenialReason | null = null;
  #destroyed = false;
  #status: ProviderStatus;
  #syncWaiters: Waiter[] = [];
  /** Updates the server refused for good (see ProviderStatus.refused). */
  #refusedCount = 0;
  readonly #watchDocument: boolean;
  #documentInfo: DocumentInfo | null = null;
  readonly #threads = new ThreadList();
  readonly #threadWatchers = new Set<(threads: CommentThread[]) => void>();

  constructor(options: TandemProviderOptions) {
    super();
    this.doc = options.doc;
    this.documentId = options.documentId;
    this.origin = `${options.doc.clientID}-${randomId()}`;
    this.#endpoints = endpoints(options.url);
    // Called as a plain function: browsers throw "Illegal invocation" for a fetch that is
    // called as a method of some other object.
    this.#fetch = withCredentials(options.fetch ?? ((input, init) => globalThis.fetch(input, init)), options.token);
    this.#transportSettings = {
      endpoints: this.#endpoints,
      fetch: this.#fetch,
      token: options.token,
      WebSocket: options.WebSocket,
      keepAlive: options.keepAlive,
      pollInterval: options.pollInterval,
      requestTimeout: options.requestTimeout,
      backoff: options.backoff,
    };
    this.#ownsAwareness = options.awareness === undefined;
    this.awareness = options.awareness ?? new Awareness(options.doc);
    this.#channels = {
      document: { end: undefined, timer: undefined, backoff: new Backoff(options.backoff) },
      awareness: { end: undefined, timer: undefined, backoff: new Backoff(options.backoff) },
      info: { end: undefined, timer: undefined, backoff: new Backoff(options.backoff) },
      threads: { end: undefined, timer: undefined, backoff: new Backoff(options.backoff) },
    };
    this.#watchDocument = options.watchDocument ?? false;

    this.#queue = new UpdateQueue({
      send: (update) => this.#pushUpdate(update),
      classify: (error) => this.#onPushFailure(error),
      // RATE_LIMITED says when to come back: then, rather than on the usual backoff.
      retryDelay: retryAfterMs,
      batchDelay: options.batchDelay,
      backoff: options.backoff,
      // Nothing is sent before the first SYNC: it tells us the document exists and what
      // the server already has.
      paused: true,
    });
    this.#queue.on('pending', () => this.#updateStatus());
    this.#queue.on('dropped', (update, error) => {
      this.#refused.add(update);
      if (this.#othersStructs.has(update)) return;
      this.#refusedCount += 1;
      this.#updateStatus();
      if (error instanceof OperationError) this.emit('error', [{ type: 'update-rejected', error, update }]);
    });
    this.#queue.on('halted', (error) => this.#markDeleted(error));

    this.#awarenessChannel = new AwarenessChannel({
      awareness: this.awareness,
      origin: this,
      throttle: options.awarenessThrottle,
      push: (update) => this.#pushAwareness(update),
    });

    this.#connector = new Connector(this.#host(), {
      mode: options.transport ?? 'auto',
      connectTimeout: options.connectTimeout,
      upgradeInterval: options.upgradeInterval,
      backoff: options.backoff,
    });

    this.doc.on('update', this.#onDocUpdate);
    this.doc.on('destroy', this.#onDocDestroy);
    this.#status = this.#computeStatus();
    // After the status exists: adding to the queue reports a new pending count.
    // Split by clientID like a SYNC push-back: a restored doc may hold another person's edits too.
    if (options.serverStateVector) this.#pushBack(options.serverStateVector);
    if (options.connect !== false) this.connect();
  }

  get status(): ProviderStatus {
    return this.#status;
  }

  /** The title and newest version last reported (with `watchDocument`); null before the first report. */
  get documentInfo(): DocumentInfo | null {
    return this.#documentInfo;
  }

  /**
   * Follows the document's comment threads (resolved ones too, oldest first) over whichever
   * transport is live: `listener` hears the whole list once it is read and after every
   * change anyone makes. Returns the function that stops it.
   */
  watchThreads(listener: (threads: CommentThread[]) => void): () => void {
    this.#threadWatchers.add(listener);
    if (this.#threadWatchers.size === 1 && this.#transport) this.#subscribe(this.#transport, 'threads');
    return () => {
      this.#threadWatchers.delete(listener);
      if (this.#threadWatchers.size > 0) return;
      const channel = this.#channels.threads;
      clearTimeout(channel.timer);
      channel.timer = undefined;
      const end = channel.end;
      channel.end = undefined;
      end?.();
    };
  }

  /** The current connection has applied its SYNC: the doc holds everything the server had then. */
  get synced(): boolean {
    return this.#synced;
  }

  /** Starts (or restarts after disconnect()) connecting. */
  connect(): void {
    if (this.#destroyed || this.#deleted || this.#denied) return;
    this.#connector.start();
  }

  /** Closes the connection; local edits keep queueing and go out on connect(). */
  disconnect(): void {
    this.#connector.stop();
  }

  /** Resolves once synced (now, or after the next SYNC); rejects if the provider stops first. */
  whenSynced(): Promise<void> {
    if (this.#synced) return Promise.resolve();
    if (this.#destroyed) return Promise.reject(new Error('Provider destroyed'));
    if (this.#deleted) return Promise.reject(new Error('Document deleted'));
    if (this.#denied) return Promise.reject(new Error('Access denied'));
    return new Promise((resolve, reject) => this.#syncWaiters.push({ resolve, reject }));
  }

  /** Resolves when every local edit so far is acknowledged (stored) by the server. */
  flush(): Promise<void> {
    if (this.#destroyed) return Promise.reject(new Error('Provider destroyed'));
    return this.#queue.flush();
  }

  override destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    // Before the transport goes: the removal of our presence still has a way out.
    this.#awarenessChannel.destroy();
    this.#connector.stop();
    this.#queue.destroy();
    this.doc.off('update', this.#onDocUpdate);
    this.doc.off('destroy', this.#onDocDestroy);
    if (this.#ownsAwareness) this.awareness.destroy();
    this.#threadWatchers.clear();
    this.#rejectSyncWaiters(new Error('Provider destroyed'));
    super.destroy();
  }

  // Local edits ---------------------------------------------------------------------------

  readonly #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // What we applied from the server must not travel back to it.
    if (origin === this) return;
    this.#ownClients.add(this.doc.clientID);
    this.#queue.add(update);
  };

  readonly #onDocDestroy = (): void => this.destroy();

  #pushUpdate(update: Uint8Array): Promise<unknown> {
    const transport = this.#transport;
    if (!transport) return Promise.reject(new TransportError('Not connected'));
    return transport.request(PUSH_UPDATE, { documentId: this.documentId, update: toBase64(update), origin: this.origin });
  }

  /**
   * SYNC step 3: push what we have that the server lacks. One update per clientID: the server
   * refuses new structs under a clientID that someone else owns (issue 11), which is what we
   * hold of another person's edits when the server lost them (a commit that failed after its
   * fan-out); their author resends those. Sent apart, that refusal drops only that part, not
   * our own edits with it, and it is not reported as a change of ours refused.
   */
  #pushBack(serverStateVector: Uint8Array, serverSync?: Uint8Array): void {
    const stateVector = this.#refused.skip(serverStateVector);
    const missing = Y.encodeStateAsUpdate(this.doc, stateVector);
    // After a SYNC, deletions the server's SYNC already lists are no news (see holdsNewTo).
    if (serverSync ? !holdsNewTo(missing, serverSync) : isEmptyUpdate(missing)) return;
    for (const [client, part] of splitByClient(this.doc, missing, stateVector)) {
      if (client !== null && !this.#ownClients.has(client) && client !== this.doc.clientID) this.#othersStructs.add(part);
      this.#queue.add(part);
    }
  }

  #onPushFailure(error: unknown): FailureAction {
    const kind = classifyError(error);
    switch (kind) {
      case 'transient':
        return 'retry';
      case 'denied':
        // Keep the edits: access may come back (a new login, a raised role); a client never
        // loses an edit. A session that ended stops the provider (sign in again).
        this.emit('error', [{ type: 'access-denied', error: error as OperationError }]);
        if ((error as OperationError).code === 'UNAUTHENTICATED') this.#markDenied('unauthenticated');
        return 'retry';
      case 'rejected':
        return 'drop';
      case 'gone':
        return 'halt';
      default: {
        const unknown: never = kind;
        throw new Error(`Unknown error kind ${String(unknown)}`);
      }
    }
  }

  #pushAwareness(update: Uint8Array): void {
    const transport = this.#transport;
    if (!transport) return;
    transport
      .request(PUSH_AWARENESS, { documentId: this.documentId, update: toBase64(update) })
      .catch(() => {
        // Presence is best effort: the next change, or the next connection, repairs it.
      });
  }

  // Server events -------------------------------------------------------------------------

  #subscribe(transport: Transport, name: ChannelName): void {
    const channel = this.#channels[name];
    const ended = {
      error: (error: OperationError | TransportError) => this.#onChannelEnd(transport, name, error),
      complete: () => this.#onChannelEnd(transport, name, undefined),
    };
    switch (name) {
      case 'document':
        channel.end = transport.subscribe(
          DOCUMENT_EVENTS,
          () => ({ documentId: this.documentId, stateVector: toBase64(Y.encodeStateVector(this.doc)) }),
          { next: (data) => this.#onDocumentData(data), ...ended },
        );
        return;
      case 'awareness':
        channel.end = transport.subscribe(
          AWARENESS_EVENTS,
          // GraphQL's Int is signed 32-bit, Yjs clientIDs are unsigned 32-bit: half of them
          // do not fit. `| 0` maps them one-to-one into Int's range; the server turns the
          // value back with `>>> 0` before comparing it with awareness clientIDs.
          () => ({ documentId: this.documentId, clientId: this.awareness.clientID | 0 }),
          {
            next: (data) => {
              channel.backoff.reset();
              this.#onAwarenessData(data);
            },
            ...ended,
          },
        );
        return;
      case 'info':
        channel.end = transport.subscribe(DOCUMENT_CHANGED, () => ({ documentId: this.documentId }), {
          next: (data) => {
            channel.backoff.reset();
            this.#onInfoData(data);
          },
          ...ended,
        });
        return;
      case 'threads': {
        channel.end = transport.subscribe(THREAD_EVENTS, () => ({ documentId: this.documentId }), {
          next: (data) => {
            channel.backoff.reset();
            this.#onThreadData(data);
          },
          ...ended,
        });
        // Read the list after subscribing, so a change is either in it or in an event (a
        // change between the two is in both, which ThreadList sorts out).
        this.#threads.beginRead();
        transport.request(THREADS_POLL, { id: this.documentId }).then(
          (data) => {
            const threads = readThreadsPoll(data);
            if (!threads || transport !== this.#transport || channel.end === undefined) return;
            this.#threads.replace(threads);
            this.#emitThreads();
          },
          () => {
            // The subscription fails too, and its restart reads the list again.
          },
        );
        return;
      }
      default: {
        const unknown: never = name;
        throw new Error(`Unknown channel ${String(unknown)}`);
      }
    }
  }

  #unsubscribeAll(): void {
    for (const channel of Object.values(this.#channels)) {
      clearTimeout(channel.timer);
      channel.timer = undefined;
      const end = channel.end;
      channel.end = undefined;
      end?.();
    }
  }

  #onDocumentData(data: unknown): void {
    let event: DocumentEvent;
    try {
      event = readDocumentEvent(data);
    } catch (error) {
      this.emit('error', [{ type: 'protocol', error: error as Error }]);
      return;
    }
    try {
      switch (event.kind) {
        case 'SYNC': {
          Y.applyUpdate(this.doc, event.update, this);
          this.#pushBack(event.stateVector, event.update);
          this.#channels.document.backoff.reset();
          this.#connector.markSynced();
          this.#queue.resume();
          this.#awarenessChannel.setLive(true);
          this.#setSynced(true);
          return;
        }
        case 'UPDATE':
          if (event.origin !== this.origin) Y.applyUpdate(this.doc, event.update, this);
          return;
        default: {
          const unknown: never = event;
          throw new Error(`Unknown document event ${JSON.stringify(unknown)}`);
        }
      }
    } catch (error) {
      this.emit('error', [{ type: 'protocol', error: error as Error }]);
    }
  }

  #onInfoData(data: unknown): void {
    try {
      this.#documentInfo = readDocumentChanged(data);
    } catch (error) {
      this.emit('error', [{ type: 'protocol', error: error as Error }]);
      return;
    }
    this.emit('document', [this.#documentInfo]);
  }

  #onThreadData(data: unknown): void {
    try {
      this.#threads.apply(readThreadEvent(data));
    } catch (error) {
      this.emit('error', [{ type: 'protocol', error: error as Error }]);
      return;
    }
    this.#emitThreads();
  }

  #emitThreads(): void {
    const threads = this.#threads.list();
    for (const watcher of this.#threadWatchers) watcher(threads);
  }

  #onAwarenessData(data: unknown): void {
    try {
      this.#awarenessChannel.receive(readAwarenessEvent(data));
    } catch (error) {
      this.emit('error', [{ type: 'protocol', error: error as Error }]);
    }
  }

  /**
   * A subscription ended while its transport is still attached: stop if the document is
   * gone, else report it and start that subscription again after a backoff. Without
   * documentEvents nothing is pushed (the next SYNC says what the server lacks).
   */
  #onChannelEnd(transport: Transport, name: ChannelName, error: OperationError | TransportError | undefined): void {
    if (transport !== this.#transport) return;
    const channel = this.#channels[name];
    channel.end = undefined;
    if (error) {
      // A server that implements only the contract does not know documentChanged.
      if ((name === 'info' || name === 'threads') && error instanceof OperationError && error.code === 'GRAPHQL_VALIDATION_FAILED') return;
      const kind = classifyError(error);
      if (kind === 'gone') return this.#markDeleted(error);
      if (kind === 'denied') {
        // The caller may no longer see the document, or its session ended: stop, keeping edits.
        this.emit('error', [{ type: 'access-denied', error: error as OperationError }]);
        return this.#markDenied((error as OperationError).code === 'UNAUTHENTICATED' ? 'unauthenticated' : 'forbidden');
      }
      // A TransportError here is the transport failing underneath, which it reports itself.
      else if (error instanceof OperationError) this.emit('error', [{ type: 'subscription-failed', error }]);
    }
    if (name === 'document') this.#connectionLost();
    clearTimeout(channel.timer);
    channel.timer = setTimeout(() => {
      channel.timer = undefined;
      if (transport === this.#transport) this.#subscribe(transport, name);
    }, channel.backoff.next());
  }

  /** Not synced any more: hold pushes until the next SYNC. */
  #connectionLost(notify = true): void {
    this.#queue.pause();
    this.#awarenessChannel.setLive(false);
    if (notify) this.#setSynced(false);
    else this.#synced = false;
  }

  #markDeleted(error: unknown): void {
    if (this.#deleted || this.#destroyed) return;
    this.#deleted = true;
    this.#connector.stop();
    this.#queue.halt(error);
    if (error instanceof OperationError) this.emit('error', [{ type: 'document-deleted', error }]);
    this.#rejectSyncWaiters(new Error('Document deleted'));
    this.#updateStatus();
  }

  /** Access ended while open: stop, keeping every edit that was not acknowledged. */
  #markDenied(reason: DenialReason): void {
    if (this.#denied || this.#deleted || this.#destroyed) return;
    this.#denied = reason;
    this.#connector.stop();
    this.#queue.pause();
    this.#rejectSyncWaiters(new Error('Access denied'));
    this.#updateStatus();
  }

  // Status --------------------------------------------------------------------------------

  #setSynced(synced: boolean): void {
    if (synced === this.#synced) return;
    this.#synced = synced;
    this.#updateStatus();
    if (!synced) return;
    this.emit('synced', []);
    const waiters = this.#syncWaiters;
    this.#syncWaiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  #rejectSyncWaiters(error: Error): void {
    const waiters = this.#syncWaiters;
    this.#syncWaiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  #computeStatus(): ProviderStatus {
    return statusOf(this.#connector.link, {
      synced: this.#synced,
      deleted: this.#deleted,
      denied: this.#denied,
      pending: this.#queue.pending,
      refused: this.#refusedCount,
    });
  }

  #updateStatus(): void {
    if (this.#destroyed) return;
    const status = this.#computeStatus();
    if (sameStatus(status, this.#status)) return;
    this.#status = status;
    this.emit('status', [status]);
  }

  // Transports ----------------------------------------------------------------------------

  #host(): ConnectorHost {
    return {
      createTransport: (kind, onEvent) => createTransport(kind, this.#transportSettings, onEvent),
      attach: (transport) => {
        this.#transport = transport;
        this.#connectionLost();
        this.#subscribe(transport, 'document');
        this.#subscribe(transport, 'awareness');
        if (this.#watchDocument) this.#subscribe(transport, 'info');
        if (this.#threadWatchers.size > 0) this.#subscribe(transport, 'threads');
      },
      detach: () => {
        this.#unsubscribeAll();
        this.#transport = null;
        // Quietly: the connector reports the new link (next transport, or stopped) at once,
        // and a status without any transport in between would only flicker.
        this.#connectionLost(false);
      },
      transportEvent: (event) => {
        switch (event.type) {
          case 'failed':
            // A connection refused for its credential (WebSocket close 4401): sign in again.
            if (event.error instanceof OperationError && event.error.code === 'UNAUTHENTICATED') {
              this.emit('error', [{ type: 'access-denied', error: event.error }]);
              this.#markDenied('unauthenticated');
              return;
            }
            this.#connectionLost();
            return;
          case 'connecting':
          case 'disconnected':
            this.#connectionLost();
            return;
          case 'connected':
            // Synced only once this connection's SYNC arrives.
            return;
          default: {
            const unknown: never = event;
            throw new Error(`Unknown transport event ${JSON.stringify(unknown)}`);
          }
        }
      },
      probe: (transport) =>
        new Promise<void>((resolve, reject) => {
          const stateVector = toBase64(Y.encodeStateVector(this.doc));
          transport.subscribe(DOCUMENT_EVENTS, () => ({ documentId: this.documentId, stateVector }), {
            next: () => resolve(),
            error: reject,
            complete: () => reject(new TransportError('Probe ended without an event')),
          });
        }),
      reachable: () =>
        httpReachable({ url: this.#endpoints.http, fetch: this.#fetch, timeout: 4_000 }, PING),
      linkChanged: () => this.#updateStatus(),
      transportFailed: (transport, error) => this.emit('error', [{ type: 'transport-failed', transport, error }]),
    };
  }
}
