// Presence (cursors, names, colours) between this client and the server. DESIGN.md step 5:
// awareness rides pushAwareness / awarenessEvents and is never stored; the server removes
// a client's state when its awarenessEvents subscription ends. So this client pushes only
// its own state: on every change (throttled, cursors move a lot), in full whenever a
// connection has come up, and a removal when it is destroyed.
import {
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
  type Awareness,
} from 'y-protocols/awareness';

interface AwarenessChange {
  readonly added: readonly number[];
  readonly updated: readonly number[];
  readonly removed: readonly number[];
}

export interface AwarenessChannelOptions {
  readonly awareness: Awareness;
  /** Sends an awareness update; failures are ignored (the next change or reconnect repairs them). */
  readonly push: (update: Uint8Array) => void;
  /** Transaction origin for remote updates, so they are told apart from local changes. */
  readonly origin: unknown;
  /** At most one push per this many ms. Default 50. */
  readonly throttle?: number;
}

export class AwarenessChannel {
  readonly #awareness: Awareness;
  readonly #push: (update: Uint8Array) => void;
  readonly #origin: unknown;
  readonly #throttle: number;
  #live = false;
  #dirty = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: AwarenessChannelOptions) {
    this.#awareness = options.awareness;
    this.#push = options.push;
    this.#origin = options.origin;
    this.#throttle = options.throttle ?? 50;
    this.#awareness.on('update', this.#onUpdate);
  }

  /**
   * Connected (a SYNC arrived) or not. Coming up pushes the full local state: the server
   * dropped it when the previous connection ended, and others may have missed changes.
   */
  setLive(live: boolean): void {
    if (live === this.#live) return;
    this.#live = live;
    if (!live) return;
    const state = this.#awareness.getLocalState();
    if (state !== null) {
      // The server's removal of our state (y-protocols removeAwarenessStates) raised our
      // clock by one there and at every other client, and y-protocols ignores a state
      // whose clock is not higher than the one it knows: re-sent as it was, our state
      // would stay invisible until the 15-second renewal had raised the clock twice.
      this.#awareness.setLocalState(state);
      this.#awareness.setLocalState(state);
    }
    this.#dirty = true;
    this.#flush();
  }

  /** An awarenessEvents event. Our own state may come back; its clock makes that a no-op. */
  receive(update: Uint8Array): void {
    applyAwarenessUpdate(this.#awareness, update, this.#origin);
  }

  /** Removes our state locally and, if still connected, for everyone else. */
  destroy(): void {
    this.#awareness.off('update', this.#onUpdate);
    clearTimeout(this.#timer);
    const id = this.#awareness.clientID;
    const hadState = this.#awareness.getLocalState() !== null;
    removeAwarenessStates(this.#awareness, [id], this.#origin);
    if (this.#live && hadState) this.#send();
    this.#live = false;
  }

  // Only changes to our own client are pushed. That includes one with our own origin:
  // when a remote update tried to remove our state (the server dropped it after a
  // disconnect), y-protocols keeps it and bumps its clock, and the others must hear that.
  // Other clients' states are the server's business (their timeouts here are local only).
  readonly #onUpdate = (change: AwarenessChange): void => {
    const id = this.#awareness.clientID;
    if (!change.added.includes(id) && !change.updated.includes(id) && !change.removed.includes(id)) return;
    this.#dirty = true;
    if (this.#timer === undefined) this.#timer = setTimeout(() => this.#flush(), this.#throttle);
  };

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#live || !this.#dirty) return;
    this.#dirty = false;
    this.#send();
  }

  #send(): void {
    this.#push(encodeAwarenessUpdate(this.#awareness, [this.#awareness.clientID]));
  }
}
