// Real clients of the contract: plain HTTP POST, graphql-ws and graphql-sse.
import { createClient as createSseClient, type Client as SseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { defaultToken } from './callers.js';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Who a request is from: a bearer token, `null` for no credential at all, or (undefined) the
 * API's default caller, its administrator (see callers.ts).
 */
export type As = string | null | undefined;

function tokenFor(url: string, as: As): string | undefined {
  return as === null ? undefined : (as ?? defaultToken(url));
}

export function authorization(url: string, as?: As): Record<string, string> {
  const token = tokenFor(url, as);
  return token ? { authorization: `Bearer ${token}` } : {};
}

export async function gql<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, as?: As): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authorization(url, as) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Like gql, but throws on any error: for setup steps that must succeed. */
export async function must<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, as?: As): Promise<T> {
  const result = await gql<T>(url, query, variables, as);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/**
 * A graphql-ws client; its caller goes in connectionParams, as scripts and the Node provider
 * send it. Lazy by default (connects for the first operation, closes after the last); with
 * `lazy: false` it stays connected until disposed, so the server is the one to close it.
 */
export function wsClient(wsUrl: string, as?: As, options: { lazy?: boolean; onClosed?: (event: unknown) => void } = {}): WsClient {
  const token = tokenFor(wsUrl, as);
  return createWsClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: options.lazy ?? true,
    onNonLazyError: () => {},
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: options.onClosed ? { closed: options.onClosed } : {},
  });
}

export function sseClient(streamUrl: string, as?: As): SseClient<true> {
  return createSseClient({ url: streamUrl, singleConnection: true, retryAttempts: 0, headers: () => authorization(streamUrl, as) });
}

type Subscribable = Pick<WsClient, 'subscribe'> | Pick<SseClient<boolean>, 'subscribe'>;

/** A subscription whose events can be awaited one by one. */
export function subscription<T = Record<string, any>>(client: Subscribable, query: string, variables: Record<string, unknown>) {
  const events: GraphQLResponse<T>[] = [];
  const waiting: (() => void)[] = [];
  let error: unknown = null;
  let done = false;
  const wake = () => waiting.splice(0).forEach((resolve) => resolve());
  const dispose = (client as WsClient).subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        events.push(value as GraphQLResponse<T>);
        wake();
      },
      error: (e) => {
        error = e;
        done = true;
        wake();
      },
      complete: () => {
        done = true;
        wake();
      },
    },
  );
  let read = 0;
  return {
    events,
    get error() {
      return error;
    },
    /**
     * The next event; rejects after `timeoutMs`, or when the subscription failed. The default
     * is generous: on a loaded CI machine an event that comes at once locally can take seconds.
     */
    async next(timeoutMs = 15_000): Promise<GraphQLResponse<T>> {
      const deadline = Date.now() + timeoutMs;
      while (read >= events.length) {
        if (done) throw new Error(`subscription ended: ${JSON.stringify(error)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, left);
        });
      }
      return events[read++]!;
    },
    dispose,
  };
}

/**
 * Waits for a subscription to end with `code`. A server may report it as the error of the
 * operation or as a last result carrying `errors` followed by completion; both end it.
 */
export async function endsWith(sub: { next(timeoutMs?: number): Promise<GraphQLResponse<unknown>> }, code: string): Promise<void> {
  let result: GraphQLResponse<unknown>;
  try {
    result = await sub.next();
  } catch (error) {
    if (!String((error as Error).message).includes(code)) throw error;
    return;
  }
  if (result.errors?.[0]?.extensions?.code !== code) throw new Error(`expected ${code}, got ${JSON.stringify(result)}`);
  await sub.next().then(
    (extra) => {
      throw new Error(`the subscription went on after ${code}: ${JSON.stringify(extra)}`);
    },
    (error: Error) => {
      if (!/subscription ended/.test(error.message)) throw error;
    },
  );
}

export const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
export const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** A Y.Doc whose body holds one paragraph per line of `lines`. */
export function docWithParagraphs(...lines: string[]): Y.Doc {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment('default');
  for (const line of lines) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(line)]);
    body.push([paragraph]);
  }
  return doc;
}

export const CREATE_DOCUMENT = 'mutation($title: String) { createDocument(title: $title) { id title } }';
export const PUSH_UPDATE =
  'mutation($id: ID!, $update: Base64!, $origin: String) { pushUpdate(documentId: $id, update: $update, origin: $origin) { documentId stateVector } }';
export const DOCUMENT_TEXT = 'query($id: ID!) { document(id: $id) { text stateVector } }';
export const DOCUMENT_EVENTS =
  'subscription($id: ID!, $sv: Base64) { documentEvents(documentId: $id, stateVector: $sv) { kind update origin stateVector } }';

export async function createDocument(url: string, title = 'Test document', as?: As): Promise<string> {
  const data = await must<{ createDocument: { id: string } }>(url, CREATE_DOCUMENT, { title }, as);
  return data.createDocument.id;
}

export async function documentText(url: string, id: string, as?: As): Promise<string> {
  const data = await must<{ document: { text: string } }>(url, DOCUMENT_TEXT, { id }, as);
  return data.document.text;
}
