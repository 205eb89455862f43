// Comment threads of the document, kept current for watchThreads (provider.ts): the list is
// read once per (re)subscription and then changed by threadEvents. Over polling, threadEvents
// is emulated (transport/polling.ts) by reading the list every interval and reporting what
// changed. Everything that comes off the wire is checked here.
import { fromBase64, toBase64 } from './base64.js';
import { ProtocolError } from './operations.js';

const THREAD_FIELDS = /* GraphQL */ `
  id
  documentId
  quote
  anchorStart
  anchorEnd
  resolved
  createdAt
  updatedAt
  comments { id threadId body createdAt editedAt author { id name } }
`;

export const THREAD_EVENTS = {
  name: 'threadEvents',
  query: /* GraphQL */ `
    subscription ThreadEvents($documentId: ID!) {
      threadEvents(documentId: $documentId) {
        kind
        thread { ${THREAD_FIELDS} }
      }
    }
  `,
} as const;

/** Every thread, resolved ones too: the seed of watchThreads, and polling's stand-in for threadEvents. */
export const THREADS_POLL = {
  name: 'threadsPoll',
  query: /* GraphQL */ `
    query ThreadsPoll($id: ID!) {
      document(id: $id) {
        threads(includeResolved: true) { ${THREAD_FIELDS} }
      }
    }
  `,
} as const;

export interface ThreadComment {
  readonly id: string;
  readonly threadId: string;
  readonly body: string;
  readonly createdAt: string;
  readonly editedAt: string | null;
  readonly author: { readonly id: string; readonly name: string };
}

export interface CommentThread {
  readonly id: string;
  readonly documentId: string;
  /** The anchored text when the server sent this; null once the text was removed. */
  readonly quote: string | null;
  /** Yjs relative positions (Y.decodeRelativePosition) around the anchored text. */
  readonly anchorStart: Uint8Array;
  readonly anchorEnd: Uint8Array;
  readonly resolved: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly comments: readonly ThreadComment[];
}

export type ThreadEventKind = 'CREATED' | 'UPDATED' | 'DELETED';

export interface ThreadEvent {
  readonly kind: ThreadEventKind;
  readonly thread: CommentThread;
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new ProtocolError(`${what} must be an object`);
  return value as Record<string, unknown>;
}

function string(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new ProtocolError(`${what} must be a string`);
  return value;
}

function bytes(value: unknown, what: string): Uint8Array {
  try {
    return fromBase64(string(value, what));
  } catch {
    throw new ProtocolError(`${what} must be Base64`);
  }
}

function readComment(value: unknown): ThreadComment {
  const comment = object(value, 'a comment');
  const author = object(comment.author, 'a comment’s author');
  return {
    id: string(comment.id, 'Comment.id'),
    threadId: string(comment.threadId, 'Comment.threadId'),
    body: string(comment.body, 'Comment.body'),
    createdAt: string(comment.createdAt, 'Comment.createdAt'),
    editedAt: comment.editedAt == null ? null : string(comment.editedAt, 'Comment.editedAt'),
    author: { id: string(author.id, 'User.id'), name: string(author.name, 'User.name') },
  };
}

export function readThread(value: unknown): CommentThread {
  const thread = object(value, 'a thread');
  if (typeof thread.resolved !== 'boolean') throw new ProtocolError('CommentThread.resolved must be a Boolean');
  if (!Array.isArray(thread.comments)) throw new ProtocolError('CommentThread.comments must be a list');
  return {
    id: string(thread.id, 'CommentThread.id'),
    documentId: string(thread.documentId, 'CommentThread.documentId'),
    quote: thread.quote == null ? null : string(thread.quote, 'CommentThread.quote'),
    anchorStart: bytes(thread.anchorStart, 'CommentThread.anchorStart'),
    anchorEnd: bytes(thread.anchorEnd, 'CommentThread.anchorEnd'),
    resolved: thread.resolved,
    createdAt: string(thread.createdAt, 'CommentThread.createdAt'),
    updatedAt: string(thread.updatedAt, 'CommentThread.updatedAt'),
    comments: thread.comments.map(readComment),
  };
}

/** A thread as the API sends it (anchors in Base64): what polling's emulated events carry. */
export function threadToWire(thread: CommentThread): Record<string, unknown> {
  return { ...thread, anchorStart: toBase64(thread.anchorStart), anchorEnd: toBase64(thread.anchorEnd) };
}

/** `data` of a threadEvents result. */
export function readThreadEvent(data: unknown): ThreadEvent {
  const event = object(object(data, 'data').threadEvents, 'threadEvents');
  const kind = event.kind;
  if (kind !== 'CREATED' && kind !== 'UPDATED' && kind !== 'DELETED') throw new ProtocolError('ThreadEvent.kind is unknown');
  return { kind, thread: readThread(event.thread) };
}

/** `data` of THREADS_POLL; null when the document does not exist. */
export function readThreadsPoll(data: unknown): CommentThread[] | null {
  const document = object(data, 'data').document;
  if (document === null) return null;
  const threads = object(document, 'document').threads;
  if (!Array.isArray(threads)) throw new ProtocolError('Document.threads must be a list');
  return threads.map(readThread);
}

/** What changed from one list of threads to the next, as threadEvents would have said it. */
export function threadChanges(before: ReadonlyMap<string, CommentThread>, after: readonly CommentThread[]): ThreadEvent[] {
  const events: ThreadEvent[] = [];
  const present = new Set<string>();
  for (const thread of after) {
    present.add(thread.id);
    const previous = before.get(thread.id);
    if (!previous) events.push({ kind: 'CREATED', thread });
    else if (previous.updatedAt !== thread.updatedAt) events.push({ kind: 'UPDATED', thread });
  }
  for (const [id, thread] of before) if (!present.has(id)) events.push({ kind: 'DELETED', thread });
  return events;
}

/**
 * The threads as one client knows them. A list read from the server replaces what is known,
 * except what events said since the read began: the read may have been answered before them.
 */
export class ThreadList {
  #threads = new Map<string, CommentThread>();
  /** Threads events created, changed (the thread) or deleted (null) since the read began. */
  readonly #sinceRead = new Map<string, CommentThread | null>();

  /** A list is about to be read. */
  beginRead(): void {
    this.#sinceRead.clear();
  }

  replace(threads: readonly CommentThread[]): void {
    const next = new Map(threads.map((thread) => [thread.id, thread]));
    for (const [id, changed] of this.#sinceRead) {
      const read = next.get(id);
      if (changed === null) next.delete(id);
      else if (!read || read.updatedAt < changed.updatedAt) next.set(id, changed);
    }
    this.#threads = next;
  }

  apply(event: ThreadEvent): void {
    const { thread } = event;
    if (event.kind === 'DELETED') {
      this.#threads.delete(thread.id);
      this.#sinceRead.set(thread.id, null);
      return;
    }
    const known = this.#threads.get(thread.id);
    if (known && known.updatedAt > thread.updatedAt) return;
    this.#threads.set(thread.id, thread);
    this.#sinceRead.set(thread.id, thread);
  }

  /** Oldest first. */
  list(): CommentThread[] {
    return [...this.#threads.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }
}
