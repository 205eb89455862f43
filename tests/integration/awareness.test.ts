// Awareness (presence) is relayed between a document's clients over both transports, a newcomer
// gets everyone's current state at once, a client's state goes away for everyone when its
// connection ends, and none of it is ever stored.
import type { Client as SseClient } from 'graphql-sse';
import type { Client as WsClient } from 'graphql-ws';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { backends, startApi, type TestApi } from '../support/api.js';
import { createDocument, endsWith, fromBase64, gql, must, sseClient, subscription, toBase64, wsClient } from '../support/clients.js';

const AWARENESS_EVENTS = 'subscription($id: ID!, $clientId: Int) { awarenessEvents(documentId: $id, clientId: $clientId) { update } }';
const PUSH_AWARENESS = 'mutation($id: ID!, $update: Base64!) { pushAwareness(documentId: $id, update: $update) }';
const STORED = 'query($id: ID!) { document(id: $id) { text stateVector update updatedAt snapshots { nodes { version } } } }';

const ADA = 0xfedcba98; // above 2^31: sent as a negative Int
const GRACE = 0x1234567;

type AwarenessEvent = { awarenessEvents: { update: string } };

/** Everything to clean up after a test: awareness instances keep an interval timer running. */
const cleanup: (() => unknown)[] = [];

/**
 * A user's presence as the editor builds it. Yjs clientIDs are unsigned 32-bit and GraphQL's
 * Int is signed, so clients send `clientID | 0`; fixed IDs on both sides of 2^31 keep both
 * cases covered on every run.
 */
function presence(name: string, color: string, clientID: number): Awareness {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const awareness = new Awareness(doc);
  awareness.setLocalStateField('user', { name, color });
  cleanup.push(() => awareness.destroy());
  return awareness;
}

const stateOf = (awareness: Awareness) => toBase64(encodeAwarenessUpdate(awareness, [awareness.clientID]));

/**
 * Subscribes to a document's awareness and mirrors it into a local Awareness, as a client
 * does. `clientId` is the presence this subscriber publishes (removed when it leaves).
 */
function watch(client: WsClient | SseClient<boolean>, id: string, clientId: number | null = null) {
  const events = subscription<AwarenessEvent>(client, AWARENESS_EVENTS, { id, clientId: clientId === null ? null : clientId | 0 });
  const view = new Awareness(new Y.Doc());
  view.setLocalState(null); // the watcher's own (empty) state is not under test
  cleanup.push(() => view.destroy());
  let applied = 0;
  return {
    events,
    /** Every state the server has told this subscriber about so far, by clientID. */
    states(): Map<number, Record<string, unknown>> {
      for (; applied < events.events.length; applied++) {
        applyAwarenessUpdate(view, fromBase64(events.events[applied]!.data!.awarenessEvents.update), 'server');
      }
      return view.getStates() as Map<number, Record<string, unknown>>;
    },
  };
}

/** Runs a mutation over a graphql-ws connection (the transport a WebSocket client pushes on). */
function overSocket(client: WsClient, query: string, variables: Record<string, unknown>) {
  return new Promise<unknown>((resolve, reject) => {
    let result: unknown;
    client.subscribe({ query, variables }, { next: (value) => (result = value), error: reject, complete: () => resolve(result) });
  });
}

describe.each(backends)('awareness (%s)', (backend) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({ backend });
  });
  afterAll(() => api?.close());
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  function connectWs(): WsClient {
    const client = wsClient(api.wsUrl);
    cleanup.push(() => client.dispose());
    return client;
  }
  function connectSse(): SseClient<true> {
    const client = sseClient(api.streamUrl);
    cleanup.push(() => client.dispose());
    return client;
  }

  it('relays a WebSocket client’s presence to an SSE client, gives a newcomer everyone at once, and removes it when the socket closes', async () => {
    const id = await createDocument(api.url);
    const ada = presence('Ada', '#d33', ADA);
    const grace = presence('Grace', '#33d', GRACE);
    const adaSocket = connectWs();
    const adaView = watch(adaSocket, id, ada.clientID);
    const graceView = watch(connectSse(), id, grace.clientID);
    // Both subscriptions are live once their first event (the current states) has arrived.
    await adaView.events.next();
    await graceView.events.next();

    expect(await overSocket(adaSocket, PUSH_AWARENESS, { id, update: stateOf(ada) })).toEqual({ data: { pushAwareness: true } });
    await vi.waitFor(() => expect(graceView.states().get(ada.clientID)).toEqual({ user: { name: 'Ada', color: '#d33' } }), { timeout: 10_000 });

    // A newcomer's first event already holds Ada's state: no need to wait for her next change.
    const late = watch(connectWs(), id);
    await late.events.next();
    expect(late.states().get(ada.clientID)).toEqual({ user: { name: 'Ada', color: '#d33' } });

    // Ada's socket closes: her state goes for everyone still here.
    await adaSocket.dispose();
    await vi.waitFor(() => expect(graceView.states().has(ada.clientID)).toBe(false), { timeout: 10_000 });
    await vi.waitFor(() => expect(late.states().has(ada.clientID)).toBe(false), { timeout: 10_000 });
  });

  it('removes an SSE client’s presence when its event stream goes away', async () => {
    const id = await createDocument(api.url);
    const grace = presence('Grace', '#33d', GRACE);
    const graceStream = connectSse();
    const graceView = watch(graceStream, id, grace.clientID);
    const observer = watch(connectWs(), id);
    await graceView.events.next();
    await observer.events.next();

    // An SSE client pushes over plain HTTP.
    await must(api.url, PUSH_AWARENESS, { id, update: stateOf(grace) });
    await vi.waitFor(() => expect(observer.states().get(grace.clientID)).toEqual({ user: { name: 'Grace', color: '#33d' } }), { timeout: 10_000 });

    graceStream.dispose();
    await vi.waitFor(() => expect(observer.states().has(grace.clientID)).toBe(false), { timeout: 10_000 });
  });

  it('answers the current states to a client that polls instead of subscribing', async () => {
    const id = await createDocument(api.url);
    const ada = presence('Ada', '#d33', ADA);
    const adaStream = watch(connectSse(), id, ADA); // keeps Ada present
    await adaStream.events.next();
    await must(api.url, PUSH_AWARENESS, { id, update: stateOf(ada) });
    const polled = await must<{ document: { awareness: string } }>(api.url, 'query($id: ID!) { document(id: $id) { awareness } }', { id });
    const view = new Awareness(new Y.Doc());
    view.setLocalState(null);
    cleanup.push(() => view.destroy());
    applyAwarenessUpdate(view, fromBase64(polled.document.awareness), 'poll');
    expect(view.getStates().get(ada.clientID)).toEqual({ user: { name: 'Ada', color: '#d33' } });
  });

  it('awareness of an unknown document is NOT_FOUND', async () => {
    const pushed = await gql(api.url, PUSH_AWARENESS, { id: 'no-such-document', update: stateOf(presence('Ada', '#d33', ADA)) });
    expect(pushed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    await endsWith(watch(connectWs(), 'no-such-document').events, 'NOT_FOUND');
    await endsWith(watch(sseClient(api.streamUrl), 'no-such-document').events, 'NOT_FOUND');
    // The server is still up and answering.
    expect((await gql(api.url, '{ documents(first: 1) { nodes { id } } }')).errors).toBeUndefined();
  });

  it('stores nothing: the document, its text and versions are unchanged by presence traffic', async () => {
    const id = await createDocument(api.url);
    const before = await must(api.url, STORED, { id });

    const ada = presence('Ada', '#d33', ADA);
    const socket = connectWs();
    const view = watch(socket, id, ada.clientID);
    await view.events.next();
    await overSocket(socket, PUSH_AWARENESS, { id, update: stateOf(ada) });
    ada.setLocalStateField('cursor', { anchor: 1, head: 3 });
    await must(api.url, PUSH_AWARENESS, { id, update: stateOf(ada) });
    await vi.waitFor(() => expect(view.states().get(ada.clientID)).toHaveProperty('cursor'), { timeout: 10_000 });
    await socket.dispose();

    expect(await must(api.url, STORED, { id })).toEqual(before);
  });
});
