// threadEvents' source: who listens to a document's threads on this instance, and the link to
// the other instances (the fan-out bus, followed per document while someone here listens).
// An event from another instance names the thread; it is read from the database here, except a
// deleted one, which travels along as JSON (there is nothing left to read).
import type { FanoutBus, FanoutMessage } from '../fanout/bus.js';
import type { Logger } from '../logger.js';
import type { CommentStore, ThreadRow } from './comment-store.js';

export type ThreadEventKind = 'CREATED' | 'UPDATED' | 'DELETED';

export interface ThreadEvent {
  kind: ThreadEventKind;
  /** As it is after the change; as it was, for DELETED. */
  thread: ThreadRow;
}

type Listener = (event: ThreadEvent) => void;

interface Room {
  listeners: Set<Listener>;
  unfollow: Promise<() => void>;
}

export function threadToJson(thread: ThreadRow): string {
  return JSON.stringify({
    ...thread,
    anchorStart: Buffer.from(thread.anchorStart).toString('base64'),
    anchorEnd: Buffer.from(thread.anchorEnd).toString('base64'),
  });
}

export function threadFromJson(json: string): ThreadRow {
  const raw = JSON.parse(json) as Record<string, unknown> & { comments: Record<string, unknown>[] };
  return {
    id: String(raw.id),
    documentId: String(raw.documentId),
    anchorStart: new Uint8Array(Buffer.from(String(raw.anchorStart), 'base64')),
    anchorEnd: new Uint8Array(Buffer.from(String(raw.anchorEnd), 'base64')),
    resolved: Boolean(raw.resolved),
    createdAt: new Date(String(raw.createdAt)),
    updatedAt: new Date(String(raw.updatedAt)),
    comments: raw.comments.map((comment) => ({
      ...(comment as unknown as ThreadRow['comments'][number]),
      createdAt: new Date(String(comment.createdAt)),
      editedAt: comment.editedAt ? new Date(String(comment.editedAt)) : null,
    })),
  };
}

export class ThreadEvents {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly bus: FanoutBus,
    private readonly store: CommentStore,
    private readonly log: Logger,
  ) {}

  /** Tells this instance's listeners, then the other instances. */
  publish(event: ThreadEvent): void {
    const { thread } = event;
    this.emit(thread.documentId, event);
    this.bus.publish({
      kind: 'thread',
      documentId: thread.documentId,
      threadId: thread.id,
      event: event.kind,
      deleted: event.kind === 'DELETED' ? threadToJson(thread) : null,
    });
  }

  /** Listens to the document's thread events (from any instance); returns the function that stops. */
  subscribe(documentId: string, listener: Listener): () => void {
    let room = this.rooms.get(documentId);
    if (!room) {
      room = { listeners: new Set(), unfollow: this.bus.follow(documentId, (message) => void this.receive(message)) };
      this.rooms.set(documentId, room);
    }
    room.listeners.add(listener);
    const joined = room;
    return () => {
      joined.listeners.delete(listener);
      if (joined.listeners.size === 0 && this.rooms.get(documentId) === joined) {
        this.rooms.delete(documentId);
        void joined.unfollow.then((unfollow) => unfollow());
      }
    };
  }

  /** Resolves once following the other instances for this document (a subscription waits for it). */
  ready(documentId: string): Promise<unknown> {
    return this.rooms.get(documentId)?.unfollow ?? Promise.resolve();
  }

  private emit(documentId: string, event: ThreadEvent): void {
    for (const listener of this.rooms.get(documentId)?.listeners ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.log.warn('a thread event listener failed', { documentId, error });
      }
    }
  }

  private async receive(message: FanoutMessage): Promise<void> {
    if (message.kind !== 'thread') return;
    try {
      const thread = message.deleted ? threadFromJson(message.deleted) : await this.store.findThread(message.threadId);
      // Created and deleted again before we read it: its DELETED event follows.
      if (!thread) return;
      this.emit(message.documentId, { kind: message.event, thread });
    } catch (error) {
      this.log.warn('could not relay a thread event from another instance', { documentId: message.documentId, error });
    }
  }
}
