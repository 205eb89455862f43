// The last-resort transport: a provider that only polls over HTTP still converges with a
// WebSocket client, and sees, and is seen in, the document's presence.
import { bodyText } from '@tandem/api/text';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { createDocument, documentText } from '../support/clients.js';
import { connectProvider } from '../support/providers.js';
import { appendParagraph } from '../support/docs.js';

describe('polling transport', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  it('converges with a WebSocket client and shares presence both ways', async () => {
    const id = await createDocument(api.url);
    const poller = connectProvider(api.url, id, { transport: 'polling', pollInterval: 100 });
    const socket = connectProvider(api.url, id, { transport: 'websocket' });
    try {
      await Promise.all([poller.provider.whenSynced(), socket.provider.whenSynced()]);
      expect(poller.provider.status.transport).toBe('polling');

      appendParagraph(poller.doc, 'typed while polling');
      appendParagraph(socket.doc, 'typed over the socket');
      await Promise.all([poller.provider.flush(), socket.provider.flush()]);
      await vi.waitFor(async () => {
        const text = await documentText(api.url, id);
        expect(text.split('\n').sort()).toEqual(['typed over the socket', 'typed while polling']);
        expect(bodyText(poller.doc)).toBe(text);
        expect(bodyText(socket.doc)).toBe(text);
      }, { timeout: 10_000 });

      socket.provider.awareness.setLocalStateField('user', { name: 'Socket', color: '#36c' });
      poller.provider.awareness.setLocalStateField('user', { name: 'Poller', color: '#c63' });
      await vi.waitFor(() => {
        expect(poller.provider.awareness.getStates().get(socket.doc.clientID)).toEqual({ user: { name: 'Socket', color: '#36c' } });
        expect(socket.provider.awareness.getStates().get(poller.doc.clientID)).toEqual({ user: { name: 'Poller', color: '#c63' } });
      }, { timeout: 10_000 });
    } finally {
      poller.provider.destroy();
      socket.provider.destroy();
    }
  });
});
