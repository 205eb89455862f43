// How API instances tell each other what happened to a document. Within one process the live
// document's own listeners are the event bus (documents/live-document.ts); this carries the same
// events to the other instances, which apply them to their copy and notify their subscribers.
export type FanoutMessage =
  | { kind: 'update'; documentId: string; seq: number; update: Uint8Array; origin: string | null }
  | { kind: 'awareness'; documentId: string; update: Uint8Array }
  | { kind: 'version'; documentId: string; seq: number }
  | { kind: 'renamed'; documentId: string }
  | { kind: 'deleted'; documentId: string }
  /**
   * A comment thread was created, changed or deleted (comments/thread-events.ts). Receivers
   * read the thread from the database; a deleted one travels along, as JSON.
   */
  | { kind: 'thread'; documentId: string; threadId: string; event: 'CREATED' | 'UPDATED' | 'DELETED'; deleted: string | null };

export type FanoutHandler = (message: FanoutMessage) => void;

export interface FanoutBus {
  /** Sends to every other instance that follows the document. */
  publish(message: FanoutMessage): void;
  /**
   * Follows a document's messages from other instances; resolves once following, or at once
   * while the link is down (onReconnect then covers what was missed).
   */
  follow(documentId: string, handler: FanoutHandler): Promise<() => void>;
  /** Called after the connection to the other instances was lost and is back (messages may be missing). */
  onReconnect(listener: () => void): void;
  /** Whether the link to the other instances is up; null when there is no such link. */
  connected(): boolean | null;
  close(): Promise<void>;
}

/** A single instance: nobody else to tell. */
export function createLocalBus(): FanoutBus {
  return {
    publish: () => {},
    follow: async () => () => {},
    onReconnect: () => {},
    connected: () => null,
    close: async () => {},
  };
}
