// Awareness (who is here, cursors, names, colours) per document: relayed, never stored.
// Each document with present clients has a y-protocols Awareness here that mirrors everyone's
// state, so a new subscriber gets all current states in its first event. A subscriber that
// names its clientId has that state removed for everyone when its subscription ends (socket
// closed, event stream gone); states nobody renews time out after 30 s (y-protocols' rule),
// which covers an API instance that died with clients attached.
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { badInput } from '../documents/errors.js';
import type { FanoutBus } from '../fanout/bus.js';

/** An awareness update with no states (encodeAwarenessUpdate of nobody). */
const NO_STATES = new Uint8Array([0]);

const REMOTE = 'remote';
const LOCAL = 'local';

type Listener = (update: Uint8Array) => void;

interface Room {
  awareness: awarenessProtocol.Awareness;
  listeners: Set<Listener>;
  /** Open subscriptions per clientId: the state goes only when the last one ends. */
  holders: Map<number, number>;
  unfollow: Promise<() => void>;
}

/**
 * Checks that `update` is a well-formed awareness update before it is applied: y-protocols
 * parses states one by one, so a bad one half-way through would leave the others applied.
 */
export function checkAwarenessUpdate(update: Uint8Array): void {
  awarenessClients(update);
}

/** The clientIDs an awareness update sets or removes states of; BAD_USER_INPUT when it is not one. */
export function awarenessClients(update: Uint8Array): number[] {
  const clients: number[] = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      clients.push(decoding.readVarUint(decoder));
      decoding.readVarUint(decoder); // clock
      JSON.parse(decoding.readVarString(decoder));
    }
  } catch {
    throw badInput('update is not a y-protocols awareness update');
  }
  return clients;
}

export class AwarenessHub {
  private readonly rooms = new Map<string, Room>();

  constructor(private readonly bus: FanoutBus) {}

  /** Applies a client's awareness update and relays it to everyone on every instance. */
  push(documentId: string, update: Uint8Array): void {
    checkAwarenessUpdate(update);
    const room = this.room(documentId);
    awarenessProtocol.applyAwarenessUpdate(room.awareness, update, LOCAL);
    this.releaseIfUnused(documentId, room);
  }

  /**
   * Registers a subscriber; returns the update with every current state and a function to
   * call when the subscription ends.
   */
  subscribe(documentId: string, clientId: number | null, listener: Listener): { initial: Uint8Array; end: () => void } {
    const room = this.room(documentId);
    room.listeners.add(listener);
    if (clientId !== null) room.holders.set(clientId, (room.holders.get(clientId) ?? 0) + 1);
    const states = [...room.awareness.getStates().keys()].filter((id) => id !== room.awareness.clientID);
    const initial = awarenessProtocol.encodeAwarenessUpdate(room.awareness, states);
    let ended = false;
    return {
      initial,
      end: () => {
        if (ended) return;
        ended = true;
        room.listeners.delete(listener);
        if (clientId !== null) {
          const left = (room.holders.get(clientId) ?? 1) - 1;
          if (left > 0) room.holders.set(clientId, left);
          else {
            room.holders.delete(clientId);
            if (room.awareness.getStates().has(clientId)) {
              awarenessProtocol.removeAwarenessStates(room.awareness, [clientId], LOCAL);
            }
          }
        }
        this.releaseIfUnused(documentId, room);
      },
    };
  }

  /** Every present client's state as one awareness update (for clients that poll). */
  current(documentId: string): Uint8Array {
    const room = this.rooms.get(documentId);
    if (!room) return NO_STATES;
    const states = [...room.awareness.getStates().keys()].filter((id) => id !== room.awareness.clientID);
    return awarenessProtocol.encodeAwarenessUpdate(room.awareness, states);
  }

  close(): void {
    for (const [id, room] of this.rooms) this.release(id, room);
  }

  private room(documentId: string): Room {
    const existing = this.rooms.get(documentId);
    if (existing) return existing;
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    // The server has no presence of its own.
    awareness.setLocalState(null);
    const room: Room = {
      awareness,
      listeners: new Set(),
      holders: new Map(),
      unfollow: this.bus.follow(documentId, (message) => {
        if (message.kind !== 'awareness') return;
        try {
          awarenessProtocol.applyAwarenessUpdate(awareness, message.update, REMOTE);
        } catch {
          // Another instance validated it; a failure here is not the client's to see.
        }
      }),
    };
    awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const update = awarenessProtocol.encodeAwarenessUpdate(awareness, changed);
      // Each subscriber on its own: one that fails must not keep the others from hearing it.
      for (const listener of room.listeners) {
        try {
          listener(update);
        } catch {
          // the subscription ends itself (see graphql/resolvers/subscription.ts)
        }
      }
      if (origin !== REMOTE) this.bus.publish({ kind: 'awareness', documentId, update });
      // States that time out after the last subscriber left free the room.
      if (removed.length > 0 && this.rooms.get(documentId) === room) this.releaseIfUnused(documentId, room);
    });
    this.rooms.set(documentId, room);
    return room;
  }

  private releaseIfUnused(documentId: string, room: Room): void {
    const onlyServer = [...room.awareness.getStates().keys()].every((id) => id === room.awareness.clientID);
    if (room.listeners.size === 0 && onlyServer) this.release(documentId, room);
  }

  private release(documentId: string, room: Room): void {
    this.rooms.delete(documentId);
    void room.unfollow.then((unfollow) => unfollow());
    room.awareness.destroy();
  }
}
