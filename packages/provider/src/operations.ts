// The GraphQL documents this provider sends (all from ../../shared/contract/schema.graphql)
// and the one place that checks what comes back off the wire. Every transport hands raw
// `data` objects here; nothing else in the provider touches unvalidated JSON.
import type { THREAD_EVENTS, THREADS_POLL } from './threads.js';
import { fromBase64 } from './base64.js';

/** A GraphQL document together with a name that transports can switch on. */
export interface Operation<Name extends string = string> {
  readonly name: Name;
  readonly query: string;
}

export const DOCUMENT_EVENTS = {
  name: 'documentEvents',
  query: /* GraphQL */ `
    subscription DocumentEvents($documentId: ID!, $stateVector: Base64) {
      documentEvents(documentId: $documentId, stateVector: $stateVector) {
        kind
        update
        origin
        stateVector
      }
    }
  `,
} as const satisfies Operation;

export const AWARENESS_EVENTS = {
  name: 'awarenessEvents',
  query: /* GraphQL */ `
    subscription AwarenessEvents($documentId: ID!, $clientId: Int) {
      awarenessEvents(documentId: $documentId, clientId: $clientId) {
        update
      }
    }
  `,
} as const satisfies Operation;

// The API's additions beyond the contract (documentChanged, Document.latestVersion), asked
// for only when the provider watches the document (TandemProviderOptions.watchDocument).

export const DOCUMENT_CHANGED = {
  name: 'documentChanged',
  query: /* GraphQL */ `
    subscription DocumentChanged($documentId: ID!) {
      documentChanged(documentId: $documentId) {
        title
        latestVersion
        myRole
      }
    }
  `,
} as const satisfies Operation;

/** Polling's stand-in for documentChanged. */
export const DOCUMENT_INFO_POLL = {
  name: 'documentInfoPoll',
  query: /* GraphQL */ `
    query DocumentInfoPoll($id: ID!) {
      document(id: $id) {
        title
        latestVersion
        myRole
      }
    }
  `,
} as const satisfies Operation;

export type SubscriptionOperation = typeof DOCUMENT_EVENTS | typeof AWARENESS_EVENTS | typeof DOCUMENT_CHANGED | typeof THREAD_EVENTS;

export const PUSH_UPDATE = {
  name: 'pushUpdate',
  query: /* GraphQL */ `
    mutation PushUpdate($documentId: ID!, $update: Base64!, $origin: String) {
      pushUpdate(documentId: $documentId, update: $update, origin: $origin) {
        stateVector
      }
    }
  `,
} as const satisfies Operation;

export const PUSH_AWARENESS = {
  name: 'pushAwareness',
  query: /* GraphQL */ `
    mutation PushAwareness($documentId: ID!, $update: Base64!) {
      pushAwareness(documentId: $documentId, update: $update)
    }
  `,
} as const satisfies Operation;

/** Polling's stand-in for documentEvents: what the server has that `stateVector` lacks. */
export const DOCUMENT_POLL = {
  name: 'documentPoll',
  query: /* GraphQL */ `
    query DocumentPoll($id: ID!, $stateVector: Base64) {
      document(id: $id) {
        update(stateVector: $stateVector)
        stateVector
      }
    }
  `,
} as const satisfies Operation;

export const AWARENESS_POLL = {
  name: 'awarenessPoll',
  query: /* GraphQL */ `
    query AwarenessPoll($id: ID!) {
      document(id: $id) {
        awareness
      }
    }
  `,
} as const satisfies Operation;

/** Cheapest possible question, to tell "server unreachable" from "this transport is blocked". */
export const PING = {
  name: 'ping',
  query: /* GraphQL */ `query Ping { __typename }`,
} as const satisfies Operation;

export type RequestOperation =
  | typeof PUSH_UPDATE
  | typeof PUSH_AWARENESS
  | typeof DOCUMENT_POLL
  | typeof AWARENESS_POLL
  | typeof DOCUMENT_INFO_POLL
  | typeof THREADS_POLL
  | typeof PING;

// Decoded wire data ------------------------------------------------------------------------

/** A documentEvents event: SYNC opens every subscription, UPDATE events follow. */
export type DocumentEvent =
  | { readonly kind: 'SYNC'; readonly update: Uint8Array; readonly stateVector: Uint8Array }
  | { readonly kind: 'UPDATE'; readonly update: Uint8Array; readonly origin: string | null };

/** Thrown for data that does not have the contract's shape. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

function field(data: unknown, key: string): unknown {
  if (typeof data !== 'object' || data === null) throw new ProtocolError(`Expected an object holding ${key}`);
  return (data as Record<string, unknown>)[key];
}

function base64Field(data: unknown, key: string): Uint8Array {
  const value = field(data, key);
  if (typeof value !== 'string') throw new ProtocolError(`${key} is not a Base64 string`);
  try {
    return fromBase64(value);
  } catch {
    throw new ProtocolError(`${key} is not valid base64`);
  }
}

/** `data` of a documentEvents result. */
export function readDocumentEvent(data: unknown): DocumentEvent {
  const event = field(data, 'documentEvents');
  const kind = field(event, 'kind');
  switch (kind) {
    case 'SYNC':
      return { kind, update: base64Field(event, 'update'), stateVector: base64Field(event, 'stateVector') };
    case 'UPDATE': {
      const origin = field(event, 'origin');
      return {
        kind,
        update: base64Field(event, 'update'),
        origin: typeof origin === 'string' ? origin : null,
      };
    }
    default:
      throw new ProtocolError(`Unknown DocumentEvent kind ${String(kind)}`);
  }
}

/** `data` of an awarenessEvents result: the awareness update. */
export function readAwarenessEvent(data: unknown): Uint8Array {
  return base64Field(field(data, 'awarenessEvents'), 'update');
}

/** `data` of AWARENESS_POLL: every present client's state; null when the document does not exist. */
export function readAwarenessPoll(data: unknown): string | null {
  const document = field(data, 'document');
  if (document === null) return null;
  const awareness = field(document, 'awareness');
  if (typeof awareness !== 'string') throw new ProtocolError('document.awareness must be a Base64 string');
  return awareness;
}

/** `data` of DOCUMENT_POLL, still base64 as the subscription would carry it; null when the document does not exist. */
export function readDocumentPoll(data: unknown): { update: string; stateVector: string } | null {
  const document = field(data, 'document');
  if (document === null) return null;
  const update = field(document, 'update');
  const stateVector = field(document, 'stateVector');
  if (typeof update !== 'string' || typeof stateVector !== 'string') {
    throw new ProtocolError('document.update and document.stateVector must be Base64 strings');
  }
  return { update, stateVector };
}

/** What documentChanged says about the document: its title and its newest version. */
export type DocumentRole = 'OWNER' | 'EDITOR' | 'COMMENTER' | 'VIEWER';
const ROLES: readonly string[] = ['OWNER', 'EDITOR', 'COMMENTER', 'VIEWER'] satisfies DocumentRole[];

export interface DocumentInfo {
  readonly title: string;
  /** Null while the document has no version. */
  readonly latestVersion: number | null;
  /** The caller's role now: it changes while open when someone shares or unshares. */
  readonly myRole: DocumentRole;
}

function readInfo(value: unknown): DocumentInfo {
  const title = field(value, 'title');
  const latestVersion = field(value, 'latestVersion');
  const myRole = field(value, 'myRole');
  if (typeof title !== 'string') throw new ProtocolError('title must be a string');
  if (latestVersion !== null && !Number.isInteger(latestVersion)) throw new ProtocolError('latestVersion must be an Int or null');
  if (typeof myRole !== 'string' || !ROLES.includes(myRole)) throw new ProtocolError('myRole must be a DocumentRole');
  return { title, latestVersion: latestVersion as number | null, myRole: myRole as DocumentRole };
}

/** `data` of a documentChanged result. */
export function readDocumentChanged(data: unknown): DocumentInfo {
  return readInfo(field(data, 'documentChanged'));
}

/** `data` of DOCUMENT_INFO_POLL; null when the document does not exist. */
export function readDocumentInfoPoll(data: unknown): DocumentInfo | null {
  const document = field(data, 'document');
  return document === null ? null : readInfo(document);
}
