// Two API instances behind one PostgreSQL database and one Redis serve the same document as if
// they were one: edits, presence and deletion made through either reach clients of the other.
import type { Client as SseClient } from 'graphql-sse';
import type { Client as WsClient } from 'graphql-ws';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DATABASE_URL, REDIS_URL, startApi, type TestApi } from '../support/api.js';
import { createDocument, DOCUMENT_EVENTS, documentText, endsWith, fromBase64, gql, must, PUSH_UPDATE, sseClient, subscription, toBase64, wsClient } from '../support/clients.js';
import { appendParagraph, paragraphs } from '../support/docs.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

const AWARENESS_EVENTS = 'subscription($id: ID!, $clientId: Int) { awarenessEvents(documentId: $id, clientId: $clientId) { update } }';
const PUSH_AWARENESS = 'mutation($id: ID!, $update: Base64!) { pushAwareness(documentId: $id, update: $update) }';
const DELETE_DOCUMENT = 'mutation($id: ID!) { deleteDocument(id: $id) }';

type DocumentEvent = { documentEvents: { kind: string; update: string } };
type AwarenessEvent = { awarenessEvents: { update: string } };

/** Runs a mutation over a graphql-ws connection (how a WebSocket client pushes). */
function overSocket(client: WsClient, query: string, variables: Record<string, unknown>) {
  return new Promise<unknown>((resolve, reject) => {
    let result: unknown;
    client.subscribe({ query, variables }, { next: (value) => (result = value), error: reject, complete: () => resolve(result) });
  });
}

/** A client's copy of a document, kept up to date from its documentEvents subscription. */
function replica(client: WsClient | SseClient<boolean>, id: string) {
  const doc = new Y.Doc();
  const events = subscription<DocumentEvent>(client, DOCUMENT_EVENTS, { id });
  let applied = 0;
  return {
    doc,
    events,
    text(): string {
      for (; applied < events.events.length; applied++) Y.applyUpdate(doc, fromBase64(events.events[applied]!.data!.documentEvents.update));
      return paragraphs(doc);
    },
  };
}

describe.skipIf(!DATABASE_URL || !REDIS_URL)('two API instances (PostgreSQL + Redis)', () => {
  let one: TestApi;
  let two: TestApi;
  const cleanup: (() => unknown)[] = [];

  beforeAll(async () => {
    one = await startApi({ backend: 'postgresql', redis: true });
    two = await startApi({ backend: 'postgresql', redis: true });
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  function connectWs(api: TestApi): WsClient {
    const client = wsClient(api.wsUrl);
    cleanup.push(() => client.dispose());
    return client;
  }
  function connectSse(api: TestApi): SseClient<true> {
    const client = sseClient(api.streamUrl);
    cleanup.push(() => client.dispose());
    return client;
  }

  it('edits pushed to either instance reach the other instance’s clients, and both serve the same text', async () => {
    const id = await createDocument(one.url);
    const socket = connectWs(one);
    const onOne = replica(socket, id);
    const onTwo = replica(connectSse(two), id);
    expect((await onOne.events.next()).data?.documentEvents.kind).toBe('SYNC');
    expect((await onTwo.events.next()).data?.documentEvents.kind).toBe('SYNC');

    // The WebSocket client on instance 1 types; the SSE client on instance 2 sees it.
    await overSocket(socket, PUSH_UPDATE, { id, update: toBase64(appendParagraph(onOne.doc, 'from one')), origin: 'one' });
    await vi.waitFor(() => expect(onTwo.text()).toBe('from one'), { timeout: 10_000 });

    // The SSE client (mutations over HTTP) answers on instance 2; the client on instance 1 sees it.
    await must(two.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(onTwo.doc, 'from two')), origin: 'two' });
    await vi.waitFor(() => expect(onOne.text()).toBe('from one\nfrom two'), { timeout: 10_000 });

    expect(onTwo.text()).toBe('from one\nfrom two');
    expect(await documentText(one.url, id)).toBe('from one\nfrom two');
    expect(await documentText(two.url, id)).toBe('from one\nfrom two');
  });

  it('presence pushed on instance 1 reaches a subscriber on instance 2, and leaves with its socket', async () => {
    const id = await createDocument(one.url);
    const ada = new Awareness(new Y.Doc());
    const view = new Awareness(new Y.Doc());
    view.setLocalState(null);
    cleanup.push(() => ada.destroy(), () => view.destroy());
    ada.setLocalStateField('user', { name: 'Ada', color: '#d33' });

    const socket = connectWs(one);
    const adaEvents = subscription<AwarenessEvent>(socket, AWARENESS_EVENTS, { id, clientId: ada.clientID | 0 });
    const watcher = subscription<AwarenessEvent>(connectSse(two), AWARENESS_EVENTS, { id });
    await adaEvents.next();
    await watcher.next();
    let applied = 0;
    const seenOnTwo = () => {
      for (; applied < watcher.events.length; applied++) applyAwarenessUpdate(view, fromBase64(watcher.events[applied]!.data!.awarenessEvents.update), 'server');
      return view.getStates();
    };

    await overSocket(socket, PUSH_AWARENESS, { id, update: toBase64(encodeAwarenessUpdate(ada, [ada.clientID])) });
    await vi.waitFor(() => expect(seenOnTwo().get(ada.clientID)).toEqual({ user: { name: 'Ada', color: '#d33' } }), { timeout: 10_000 });

    await socket.dispose();
    await vi.waitFor(() => expect(seenOnTwo().has(ada.clientID)).toBe(false), { timeout: 10_000 });
  });

  it('a rename and a new version on instance 1 reach a documentChanged subscriber on instance 2', async () => {
    const id = await createDocument(one.url);
    type Changed = { documentChanged: { title: string; latestVersion: number | null } };
    const changes = subscription<Changed>(connectSse(two), 'subscription($id: ID!) { documentChanged(documentId: $id) { title latestVersion } }', { id });
    expect((await changes.next()).data?.documentChanged).toEqual({ title: 'Test document', latestVersion: null });
    await must(one.url, 'mutation($id: ID!) { renameDocument(id: $id, title: "Renamed on one") { id } }', { id });
    expect((await changes.next()).data?.documentChanged).toEqual({ title: 'Renamed on one', latestVersion: null });
    await must(one.url, 'mutation($id: ID!) { createSnapshot(documentId: $id) { version } }', { id });
    expect((await changes.next()).data?.documentChanged).toEqual({ title: 'Renamed on one', latestVersion: 1 });
  });

  it.each(['graphql-ws', 'graphql-sse'] as const)(
    'deleting the document on instance 1 ends a %s subscription on instance 2 with NOT_FOUND',
    async (transport) => {
      const id = await createDocument(one.url);
      const client = transport === 'graphql-ws' ? connectWs(two) : connectSse(two);
      const onTwo = subscription<DocumentEvent>(client, DOCUMENT_EVENTS, { id });
      expect((await onTwo.next()).data?.documentEvents.kind).toBe('SYNC');

      expect(await must(one.url, DELETE_DOCUMENT, { id })).toEqual({ deleteDocument: true });
      await endsWith(onTwo, 'NOT_FOUND');
      for (const api of [one, two]) {
        expect((await gql(api.url, 'query($id: ID!) { document(id: $id) { id } }', { id })).data).toEqual({ document: null });
      }
    },
  );

  it('an instance cut off from Redis keeps serving, and catches up on what it missed once Redis is back', async () => {
    const link = await startTcpProxy(REDIS_URL!);
    const three = await startApi({ backend: 'postgresql', redis: true, env: { REDIS_URL: link.url } });
    // Undone in reverse: the link comes back first, so instance 3 can say goodbye to Redis.
    cleanup.push(() => link.close(), () => three.close(), () => link.restore());
    const id = await createDocument(one.url);
    const onThree = replica(connectWs(three), id);
    expect((await onThree.events.next()).data?.documentEvents.kind).toBe('SYNC');

    link.cut();
    // Stored through instance 1 while instance 3 hears nothing: the pub/sub message is lost,
    // and no later update comes along to reveal a gap in the sequence.
    await must(one.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(new Y.Doc(), 'while apart')), origin: 'one' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(onThree.text()).toBe('');

    // Meanwhile instance 3 still opens documents and takes edits on its own.
    const other = await createDocument(one.url);
    const otherOnThree = replica(connectWs(three), other);
    expect((await otherOnThree.events.next()).data?.documentEvents.kind).toBe('SYNC');
    await must(three.url, PUSH_UPDATE, { id: other, update: toBase64(appendParagraph(otherOnThree.doc, 'local')), origin: 'three' });
    expect(await documentText(three.url, other)).toBe('local');

    link.restore();
    await vi.waitFor(() => expect(onThree.text()).toBe('while apart'), { timeout: 10_000 });
    expect(await documentText(three.url, id)).toBe('while apart');
  });

  it('comment threads created, answered and deleted on instance 1 reach a threadEvents subscriber on instance 2', async () => {
    const id = await createDocument(one.url);
    await must(one.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(new Y.Doc(), 'Discussed across instances')) });
    const create = 'mutation($id: ID!) { createThread(documentId: $id, start: 0, end: 9, body: "Across?") { id comments { id } } }';
    const probe = (await must(one.url, create, { id })).createThread.id as string;
    const events = subscription<{ threadEvents: { kind: string; thread: { id: string; quote: string | null; comments: { body: string }[] } } }>(
      connectWs(two),
      'subscription($id: ID!) { threadEvents(documentId: $id) { kind thread { id quote comments { body } } } }',
      { id },
    );
    // Following Redis once a change from instance 1 arrives (there is no first event).
    await vi.waitFor(
      async () => {
        await must(one.url, 'mutation($t: ID!) { resolveThread(threadId: $t, resolved: false) { id } }', { t: probe });
        expect(events.events.length).toBeGreaterThan(0);
      },
      { timeout: 10_000, interval: 200 },
    );
    const thread = (await must(one.url, create, { id })).createThread;
    await must(one.url, 'mutation($t: ID!) { replyToThread(threadId: $t, body: "Yes.") { id } }', { t: thread.id });
    await must(one.url, 'mutation($c: ID!) { deleteComment(commentId: $c) }', { c: thread.comments[0].id });
    const seen = () => events.events.map((event) => event.data!.threadEvents).filter((event) => event.thread.id === thread.id);
    await vi.waitFor(() => expect(seen()).toHaveLength(3), { timeout: 10_000 });
    expect(seen().map((event) => [event.kind, event.thread.quote, event.thread.comments.map((c) => c.body)])).toEqual([
      ['CREATED', 'Discussed', ['Across?']],
      ['UPDATED', 'Discussed', ['Across?', 'Yes.']],
      ['DELETED', 'Discussed', ['Across?', 'Yes.']],
    ]);
    events.dispose();
  });
});
