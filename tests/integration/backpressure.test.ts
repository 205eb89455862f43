// A subscriber that stops reading must not make the server hold its events without bound: past
// SUBSCRIBER_BACKLOG_BYTES its subscription ends with SUBSCRIBER_TOO_SLOW (the provider then
// subscribes again and SYNCs), while everyone else carries on.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { createDocument, DOCUMENT_EVENTS, documentText, must, PUSH_UPDATE, toBase64 } from '../support/clients.js';
import { appendParagraph, paragraphs } from '../support/docs.js';

const BACKLOG_BYTES = 2 * 1024 * 1024;
const UPDATES = 40;

interface WireMessage {
  type: string;
  id?: string;
  payload?: { data?: { documentEvents?: { kind: string } } | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** A graphql-ws client by hand, whose socket the test can stop reading from. */
async function rawSubscriber(wsUrl: string, id: string, token: string) {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
  const messages: WireMessage[] = [];
  let closed: number | undefined;
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as WireMessage));
  socket.on('close', (code: number) => (closed = code));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await new Promise<void>((resolve) => {
    const check = () => (messages.some((m) => m.type === 'connection_ack') ? resolve() : setTimeout(check, 10));
    check();
  });
  socket.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query: DOCUMENT_EVENTS, variables: { id } } }));
  const tcp = (socket as unknown as { _socket: Socket })._socket;
  return {
    messages,
    waitFor: async (done: () => boolean, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!done()) {
        const got = messages.map((m) => m.type).join(',');
        if (closed !== undefined) throw new Error(`the socket closed (${closed}) first; got ${got}`);
        if (Date.now() > deadline) throw new Error(`gave up waiting; got ${got}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stopReading: () => tcp.pause(),
    resumeReading: () => tcp.resume(),
    close: () => socket.close(),
  };
}

describe('a subscriber that stops reading', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({
      env: {
        SUBSCRIBER_BACKLOG_BYTES: String(BACKLOG_BYTES),
        // The stalled socket cannot answer pings. On a busy machine the pushes below took
        // longer than two ping intervals, and the ping check closed the socket before the
        // backlog bound was reached: this test is about the bound, so pings wait.
        WEBSOCKET_PING_MS: String(10 * 60_000),
      },
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('is cut off with SUBSCRIBER_TOO_SLOW once it is too far behind, while the others get everything', async () => {
    const id = await createDocument(api.url);
    const stalled = await rawSubscriber(api.wsUrl, id, api.adminToken);
    await stalled.waitFor(() => stalled.messages.some((m) => m.payload?.data?.documentEvents?.kind === 'SYNC'));
    stalled.stopReading();

    // Half a megabyte of text per update (as base64 in JSON, about 0.7 MB on the wire): far
    // more in all than socket buffers hold, so the server's backlog for `stalled` must grow.
    const writer = new Y.Doc();
    for (let i = 0; i < UPDATES; i++) {
      const update = appendParagraph(writer, randomBytes(256 * 1024).toString('hex'));
      await must(api.url, PUSH_UPDATE, { id, update: toBase64(update), origin: `big-${i}` });
    }

    stalled.resumeReading();
    await stalled.waitFor(() => stalled.messages.some((m) => m.type === 'complete' || m.type === 'error'));
    const updates = stalled.messages.filter((m) => m.payload?.data?.documentEvents?.kind === 'UPDATE');
    const ending = stalled.messages.find((m) => m.payload?.errors);
    expect(updates.length).toBeLessThan(UPDATES);
    expect(ending?.payload?.errors?.[0]?.extensions?.code).toBe('SUBSCRIBER_TOO_SLOW');
    expect(ending?.payload?.errors?.[0]?.message).toMatch(/subscribe again/);
    stalled.close();

    // Nothing was lost for anyone: the document holds every update, and a new subscriber's
    // SYNC brings all of it.
    expect(await documentText(api.url, id)).toBe(paragraphs(writer));
    const fresh = await rawSubscriber(api.wsUrl, id, api.adminToken);
    await fresh.waitFor(() => fresh.messages.some((m) => m.payload?.data?.documentEvents?.kind === 'SYNC'));
    fresh.close();
  });
});
