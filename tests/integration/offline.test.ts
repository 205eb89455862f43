// Offline edits reach everyone after reconnect; a late joiner gets the whole document from
// SYNC alone; and edits made while the API is down are resent until acknowledged.
import { createServer } from 'node:net';
import { rmSync } from 'node:fs';
import { bodyText } from '@tandem/api/text';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backends, spawnApi, startApi, tempDir, type TestApi } from '../support/api.js';
import { createDocument, DOCUMENT_EVENTS, documentText, fromBase64, subscription, wsClient } from '../support/clients.js';
import { connectProvider } from '../support/providers.js';
import { appendParagraph } from '../support/docs.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.each(backends)('offline and late joiners (%s)', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ backend });
  });
  afterAll(() => api?.close());

  it('edits made offline reach the others after reconnect', async () => {
    const id = await createDocument(api.url);
    const a = connectProvider(api.url, id);
    const b = connectProvider(api.url, id, { transport: 'sse' });
    try {
      await Promise.all([a.provider.whenSynced(), b.provider.whenSynced()]);
      a.provider.disconnect();
      expect(a.provider.status.state).toBe('offline');
      appendParagraph(a.doc, 'written offline 1');
      appendParagraph(a.doc, 'written offline 2');
      appendParagraph(b.doc, 'written online');
      await vi.waitFor(() => expect(a.provider.status.pending).toBeGreaterThan(0), { timeout: 10_000 });
      await b.provider.flush();
      expect(await documentText(api.url, id)).toBe('written online');

      a.provider.connect();
      await a.provider.whenSynced();
      await a.provider.flush();
      await vi.waitFor(async () => {
        const text = await documentText(api.url, id);
        expect(text.split('\n').sort()).toEqual(['written offline 1', 'written offline 2', 'written online']);
        expect(bodyText(a.doc)).toBe(text);
        expect(bodyText(b.doc)).toBe(text);
      });
      expect(a.provider.status.pending).toBe(0);
    } finally {
      a.provider.destroy();
      b.provider.destroy();
    }
  });

  it('a late joiner gets the whole document from SYNC alone', async () => {
    const id = await createDocument(api.url);
    const writer = connectProvider(api.url, id);
    for (let i = 0; i < 30; i++) appendParagraph(writer.doc, `line ${i}`);
    await writer.provider.flush();
    writer.provider.destroy();

    // A bare subscriber: the SYNC event alone must rebuild the document.
    const client = wsClient(api.wsUrl);
    const events = subscription<{ documentEvents: { kind: string; update: string } }>(client, DOCUMENT_EVENTS, { id });
    const sync = (await events.next()).data!.documentEvents;
    expect(sync.kind).toBe('SYNC');
    const joiner = new Y.Doc();
    Y.applyUpdate(joiner, fromBase64(sync.update));
    expect(bodyText(joiner)).toBe(Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n'));
    events.dispose();
    await client.dispose();
  });

  it('a joiner that already has part of the document is sent only the rest', async () => {
    const id = await createDocument(api.url);
    const writer = connectProvider(api.url, id);
    appendParagraph(writer.doc, 'first');
    await writer.provider.flush();
    const partial = Y.encodeStateAsUpdate(writer.doc);
    appendParagraph(writer.doc, 'second');
    await writer.provider.flush();
    writer.provider.destroy();

    const joiner = new Y.Doc();
    Y.applyUpdate(joiner, partial);
    const late = connectProvider(api.url, id, { doc: joiner, transport: 'sse' });
    await late.provider.whenSynced();
    expect(bodyText(joiner)).toBe('first\nsecond');
    late.provider.destroy();
  });
});

describe.each(backends)('resend until acknowledged (%s)', (backend) => {
  const dataDir = tempDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('edits made while the API is down are stored once it is back', async () => {
    const port = String(await freePort());
    let server = await spawnApi({ backend, dataDir, env: { PORT: port } });
    const id = await createDocument(server.url);
    const client = connectProvider(server.url, id);
    try {
      await client.provider.whenSynced();
      appendParagraph(client.doc, 'before the crash');
      await client.provider.flush();
      await server.crash();
      appendParagraph(client.doc, 'during the outage');
      await vi.waitFor(() => expect(client.provider.status.state).not.toBe('connected'), { timeout: 10_000 });
      expect(client.provider.status.pending).toBeGreaterThan(0);

      server = await spawnApi({ backend, dataDir, env: { PORT: port } });
      await vi.waitFor(() => expect(client.provider.status.pending).toBe(0), { timeout: 20_000 });
      expect(await documentText(server.url, id)).toBe('before the crash\nduring the outage');
      // A restart is not a blocked network: the client is back on WebSocket, not on a fallback.
      // Waited for, not read at once: the link may still change once more after the queue is
      // empty. (What CI caught here was the provider's fresh socket closed under it after a few
      // pushes; that was a bug, fixed in transport/websocket.ts and tested in provider-socket.)
      await vi.waitFor(
        () => expect(client.provider.status).toMatchObject({ state: 'connected', transport: 'websocket' }),
        { timeout: 10_000 },
      );
    } finally {
      client.provider.destroy();
      await server.stop();
    }
  });
});
