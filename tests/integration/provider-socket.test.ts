// A provider on WebSocket keeps its one socket while it pushes edits and presence. graphql-ws
// used to lose count of the operations on a connection when a push's result and its end came
// in one chunk, and then closed the socket under the provider's subscriptions: in Node nearly
// every push opened a new socket (packages/provider/src/transport/websocket.ts).
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { createDocument, documentText } from '../support/clients.js';
import { appendParagraph, paragraphs } from '../support/docs.js';
import { connectProvider } from '../support/providers.js';

describe('the provider’s WebSocket', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  it('stays open across many pushes of edits and presence', async () => {
    // Every socket the provider opens, and how it closed (no code while open).
    const sockets: { code?: number }[] = [];
    class CountedWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        const socket: { code?: number } = {};
        sockets.push(socket);
        this.on('close', (code: number) => (socket.code = code));
      }
    }
    const id = await createDocument(api.url);
    const { doc, provider } = connectProvider(api.url, id, { WebSocket: CountedWebSocket });
    try {
      await provider.whenSynced();
      for (let i = 0; i < 40; i++) {
        appendParagraph(doc, `line ${i}`);
        provider.awareness.setLocalStateField('cursor', { anchor: i, head: i });
        await provider.flush();
      }
      expect(await documentText(api.url, id)).toBe(paragraphs(doc));
      expect(provider.status).toMatchObject({ state: 'connected', transport: 'websocket', pending: 0 });
      expect(sockets).toEqual([{}]);
    } finally {
      provider.destroy();
    }
  });
});
