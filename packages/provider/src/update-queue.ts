// Local edits on their way to the server. DESIGN.md, sync protocol step 4: edits are
// batched for a few milliseconds, every batch is kept until the server acknowledges it
// (an acknowledgement means it is on disk), and whatever is unacknowledged is sent again
// after a failure or a reconnect. Resending is harmless because applying a Yjs update
// twice changes nothing.
//
// The queue keeps the updates as they were produced and merges them only when sending, so
// a merged request the server rejects can be split again: one bad update (too large, say)
// must not take the edits around it down with it.
import { ObservableV2 } from 'lib0/observable';
import * as Y from 'yjs';
import { Backoff, type BackoffOptions } from './backoff.js';

/** What to do with a request that failed: try again later, give up on it, or stop sending. */
export type FailureAction = 'retry' | 'drop' | 'halt';

export interface UpdateQueueOptions {
  /** Sends one (possibly merged) update; resolves once the server has acknowledged it. */
  readonly send: (update: Uint8Array) => Promise<unknown>;
  readonly classify: (error: unknown) => FailureAction;
  /**
   * For a request to retry: the wait the server asked for (ms), which replaces the backoff
   * (RATE_LIMITED's `retryAfter`); undefined to back off as usual.
   */
  readonly retryDelay?: (error: unknown) => number | undefined;
  /** How long the first edit of a batch waits for more (ms). Default 20. */
  readonly batchDelay?: number;
  /** Merge no more than this many bytes into one request. Default 512 KiB. */
  readonly maxBatchBytes?: number;
  /** Requests in flight at once. Default 1, which keeps updates in order. */
  readonly maxInFlight?: number;
  readonly backoff?: BackoffOptions;
  /** Defaults to Y.mergeUpdates. */
  readonly merge?: (updates: Uint8Array[]) => Uint8Array;
}

export type UpdateQueueEvents = {
  /** Number of updates not yet acknowledged changed. */
  pending: (count: number) => void;
  /** The server refused this update for good; it will not be sent again. */
  dropped: (update: Uint8Array, error: unknown) => void;
  /** A request failed and will be retried. */
  retrying: (error: unknown, delay: number) => void;
  /** Sending stopped for good (the document is gone); updates stay pending. */
  halted: (error: unknown) => void;
};

interface Entry {
  readonly update: Uint8Array;
  /** Set once a merged request containing it was refused: from then on it travels alone. */
  solo: boolean;
}

interface Flight {
  readonly entries: readonly Entry[];
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export class UpdateQueue extends ObservableV2<UpdateQueueEvents> {
  readonly #options: UpdateQueueOptions;
  readonly #batchDelay: number;
  readonly #maxBatchBytes: number;
  readonly #maxInFlight: number;
  readonly #merge: (updates: Uint8Array[]) => Uint8Array;
  readonly #backoff: Backoff;
  #waiting: Entry[] = [];
  readonly #flights = new Set<Flight>();
  #batchTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #paused: boolean;
  #halted = false;
  #destroyed = false;
  #lastPending = 0;
  #waiters: Waiter[] = [];

  constructor(options: UpdateQueueOptions & { readonly paused?: boolean }) {
    super();
    this.#options = options;
    this.#batchDelay = options.batchDelay ?? 20;
    this.#maxBatchBytes = options.maxBatchBytes ?? 512 * 1024;
    this.#maxInFlight = Math.max(1, options.maxInFlight ?? 1);
    this.#merge = options.merge ?? ((updates) => Y.mergeUpdates(updates));
    this.#backoff = new Backoff(options.backoff);
    this.#paused = options.paused ?? false;
  }

  /** Updates not yet acknowledged (waiting or in flight). */
  get pending(): number {
    let count = this.#waiting.length;
    for (const flight of this.#flights) count += flight.entries.length;
    return count;
  }

  get inFlight(): number {
    return this.#flights.size;
  }

  get paused(): boolean {
    return this.#paused;
  }

  get halted(): boolean {
    return this.#halted;
  }

  add(update: Uint8Array): void {
    if (this.#destroyed) return;
    this.#waiting.push({ update, solo: false });
    this.#changed();
    if (this.#batchTimer === undefined && this.#retryTimer === undefined) {
      this.#batchTimer = setTimeout(() => {
        this.#batchTimer = undefined;
        this.#pump();
      }, this.#batchDelay);
    }
  }

  /** No new requests until resume() (the connection is down). Requests in flight finish. */
  pause(): void {
    this.#paused = true;
  }

  /** (Re)connected: send everything unacknowledged now, without waiting out a backoff. */
  resume(): void {
    if (this.#destroyed) return;
    this.#paused = false;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#backoff.reset();
    this.#pump();
  }

  /** Stops sending for good; pending updates stay counted and flush() rejects. */
  halt(error: unknown): void {
    if (this.#halted || this.#destroyed) return;
    this.#halted = true;
    this.#clearTimers();
    this.#rejectWaiters(error);
    this.emit('halted', [error]);
  }

  /** Resolves when nothing is pending; sends the current batch without waiting for its delay. */
  flush(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    if (this.#destroyed) return Promise.reject(new Error('Update queue destroyed'));
    if (this.#halted) return Promise.reject(new Error('Update queue halted'));
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    if (this.#batchTimer !== undefined) this.#pump();
    return done;
  }

  override destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#clearTimers();
    this.#rejectWaiters(new Error('Update queue destroyed'));
    super.destroy();
  }

  #clearTimers(): void {
    clearTimeout(this.#batchTimer);
    clearTimeout(this.#retryTimer);
    this.#batchTimer = undefined;
    this.#retryTimer = undefined;
  }

  #pump(): void {
    clearTimeout(this.#batchTimer);
    this.#batchTimer = undefined;
    if (this.#paused || this.#halted || this.#destroyed || this.#retryTimer !== undefined) return;
    while (this.#flights.size < this.#maxInFlight && this.#waiting.length > 0) {
      const flight: Flight = { entries: this.#take() };
      this.#flights.add(flight);
      const updates = flight.entries.map((entry) => entry.update);
      const update = updates.length === 1 ? updates[0]! : this.#merge(updates);
      new Promise((resolve) => resolve(this.#options.send(update))).then(
        () => this.#acknowledged(flight),
        (error: unknown) => this.#failed(flight, error),
      );
    }
  }

  /** The next request: the oldest waiting updates, merged up to the byte limit. */
  #take(): Entry[] {
    const first = this.#waiting.shift()!;
    const entries = [first];
    if (first.solo) return entries;
    let bytes = first.update.length;
    for (;;) {
      const next = this.#waiting[0];
      if (!next || next.solo || bytes + next.update.length > this.#maxBatchBytes) break;
      entries.push(this.#waiting.shift()!);
      bytes += next.update.length;
    }
    return entries;
  }

  #acknowledged(flight: Flight): void {
    if (this.#destroyed) return;
    this.#flights.delete(flight);
    this.#backoff.reset();
    this.#changed();
    // What arrived during the round trip has waited long enough: it goes now, as one batch.
    this.#pump();
  }

  #failed(flight: Flight, error: unknown): void {
    if (this.#destroyed) return;
    this.#flights.delete(flight);
    const action = this.#options.classify(error);
    switch (action) {
      case 'retry': {
        this.#waiting.unshift(...flight.entries);
        const asked = this.#options.retryDelay?.(error);
        // A little jitter on top of the asked wait, so clients told the same do not all return at once.
        const delay = asked === undefined ? this.#backoff.next() : Math.round(asked * (1 + 0.1 * Math.random()));
        this.emit('retrying', [error, delay]);
        if (this.#retryTimer === undefined && !this.#halted) {
          this.#retryTimer = setTimeout(() => {
            this.#retryTimer = undefined;
            this.#pump();
          }, delay);
        }
        return;
      }
      case 'drop': {
        if (flight.entries.length > 1) {
          // Which of the merged updates is at fault is unknown: send each on its own.
          for (const entry of flight.entries) entry.solo = true;
          this.#waiting.unshift(...flight.entries);
        } else {
          this.#changed();
          this.emit('dropped', [flight.entries[0]!.update, error]);
        }
        this.#pump();
        return;
      }
      case 'halt': {
        this.#waiting.unshift(...flight.entries);
        this.halt(error);
        return;
      }
      default: {
        const unknown: never = action;
        throw new Error(`Unknown failure action ${String(unknown)}`);
      }
    }
  }

  #changed(): void {
    const pending = this.pending;
    if (pending !== this.#lastPending) {
      this.#lastPending = pending;
      this.emit('pending', [pending]);
    }
    if (pending === 0) {
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const waiter of waiters) waiter.resolve();
    }
  }

  #rejectWaiters(error: unknown): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }
}
