// An update that changes nothing is not an edit (issue 8, point 5): an editor that repeats
// what the server has (e.g. deletions it already holds) is acknowledged, and nothing is stored,
// broadcast or counted: `updatedAt` stays, readers hear nothing, and a restart finds the same.
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startApi, type TestApi } from '../support/api.js';
import { createDocument, DOCUMENT_EVENTS, must, PUSH_UPDATE, subscription, toBase64, wsClient } from '../support/clients.js';
import { appendParagraph } from '../support/docs.js';

const UPDATED_AT = 'query($id: ID!) { document(id: $id) { updatedAt text } }';

describe.each(backends)('updates that change nothing (%s)', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ backend });
  });
  afterAll(() => api?.close());

  it('are acknowledged without being stored, broadcast or bumping updatedAt', async () => {
    const id = await createDocument(api.url, 'no-op');
    const doc = new Y.Doc();
    appendParagraph(doc, 'one');
    appendParagraph(doc, 'two');
    // A deletion, so that the repeat below carries a delete set the server already has.
    doc.getXmlFragment('default').delete(0, 1);
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(doc)), origin: 'first' });
    const before = (await must<{ document: { updatedAt: string; text: string } }>(api.url, UPDATED_AT, { id })).document;
    expect(before.text).toBe('two');

    const client = wsClient(api.wsUrl, undefined, { lazy: false });
    const watcher = subscription(client, DOCUMENT_EVENTS, { id });
    try {
      expect((await watcher.next()).data?.documentEvents.kind).toBe('SYNC');
      const deletionsOnly = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
      expect(Y.decodeUpdate(deletionsOnly).ds.clients.size).toBeGreaterThan(0);
      for (const repeat of [deletionsOnly, Y.encodeStateAsUpdate(doc)]) {
        const answer = await must<{ pushUpdate: { stateVector: string } }>(api.url, PUSH_UPDATE, { id, update: toBase64(repeat), origin: 'repeat' });
        expect(answer.pushUpdate.stateVector).toBe(toBase64(Y.encodeStateVector(doc)));
      }
      const after = (await must<{ document: { updatedAt: string; text: string } }>(api.url, UPDATED_AT, { id })).document;
      expect(after).toEqual(before);
      // The next event a reader hears is the next real edit, not a repeat.
      await must(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(doc, 'three')), origin: 'real' });
      expect((await watcher.next()).data?.documentEvents.origin).toBe('real');
    } finally {
      watcher.dispose();
      await client.dispose();
    }
  });
});
