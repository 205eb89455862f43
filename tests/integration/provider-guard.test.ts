// The provider against the API's guards (issue 11): it waits as long as RATE_LIMITED's
// `retryAfter` asks before sending a push again, and a SYNC push-back that holds another
// person's structs the server lacks (and refuses: their clientID is not ours) does not take our
// own offline edits down with it, nor count as a change of ours refused.
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { editorsOf } from '../support/callers.js';
import { createDocument, documentText, must, PUSH_UPDATE, toBase64 } from '../support/clients.js';
import { appendParagraph, paragraphs } from '../support/docs.js';
import { connectProvider } from '../support/providers.js';

interface Push {
  sentAt: number;
  answeredAt: number;
  code: string;
  retryAfter?: number;
}

/** The real fetch, noting each pushUpdate: when it left, when and how it was answered. */
function recordingFetch(pushes: Push[]): typeof fetch {
  return async (input, init) => {
    const isPush = typeof init?.body === 'string' && init.body.includes('pushUpdate');
    const sentAt = Date.now();
    const response = await fetch(input, init);
    if (!isPush) return response;
    const body = (await response.clone().json()) as { errors?: { extensions?: { code?: string; retryAfter?: number } }[] };
    const error = body.errors?.[0]?.extensions;
    pushes.push({ sentAt, answeredAt: Date.now(), code: error?.code ?? 'OK', retryAfter: error?.retryAfter });
    return response;
  };
}

describe('provider and rate limits', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { RATE_LIMIT_WRITES: '4', RATE_LIMIT_WINDOW_SECONDS: '2' } });
  });
  afterAll(() => api?.close());

  it('resends a rate-limited push only after retryAfter, and loses nothing', async () => {
    const id = await createDocument(api.url);
    const pushes: Push[] = [];
    // Over HTTP (SSE for events), so each push is a request the test can watch.
    const { doc, provider } = connectProvider(api.url, id, { transport: 'sse', fetch: recordingFetch(pushes) });
    try {
      await provider.whenSynced();
      for (let i = 0; i < 8; i++) {
        appendParagraph(doc, `line ${i}`);
        await provider.flush();
      }
      const limited = pushes.filter((push) => push.code === 'RATE_LIMITED');
      expect(limited.length).toBeGreaterThan(0);
      for (const push of limited) {
        expect(push.retryAfter).toBeGreaterThan(0);
        const next = pushes.find((later) => later.sentAt >= push.answeredAt);
        // The queue's usual backoff here is 50 ms; the server asked for whole seconds.
        expect(next!.sentAt - push.answeredAt).toBeGreaterThanOrEqual(push.retryAfter! * 1000 - 5);
      }
      expect(await documentText(api.url, id)).toBe(paragraphs(doc));
    } finally {
      provider.destroy();
    }
  });
});

describe('provider and clientIDs', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  it("pushes back its own offline edits even when the server refuses another person's structs it holds", async () => {
    const id = await createDocument(api.url);
    const tokens = await editorsOf(api.url, id, 'Alice', 'Bob');
    const alice = new Y.Doc();
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(alice, 'alice stored')) }, tokens.Alice);
    // An edit of Alice's that reached Bob but not the server (as when a commit fails after its
    // fan-out): Bob may not store it for her.
    appendParagraph(alice, 'alice, lost by the server');

    const bobDoc = new Y.Doc();
    Y.applyUpdate(bobDoc, Y.encodeStateAsUpdate(alice));
    bobDoc.getXmlFragment('default').insert(0, [paragraphNode('bob, offline')]);
    const errors: string[] = [];
    const { provider } = connectProvider(api.url, id, { doc: bobDoc, token: tokens.Bob });
    provider.on('error', (error) => errors.push(error.type));
    try {
      await provider.whenSynced();
      await provider.flush();
      expect(provider.status).toMatchObject({ pending: 0, refused: 0 });
      expect(errors).toEqual([]);
      expect(await documentText(api.url, id)).toBe('bob, offline\nalice stored');

      // Alice sends it herself, and it is there.
      await must(api.url, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(alice)) }, tokens.Alice);
      expect(await documentText(api.url, id)).toBe('bob, offline\nalice stored\nalice, lost by the server');
    } finally {
      provider.destroy();
    }
  });
});

describe('provider and a restored document', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  it("sends a previous session's offline edits (its own clientID of then) and leaves another person's aside", async () => {
    const id = await createDocument(api.url);
    const tokens = await editorsOf(api.url, id, 'Alice', 'Bob');
    // Session 1: Alice types online, then offline, and closes the tab; the app kept the doc
    // (IndexedDB) and the server's state vector of when everything was saved.
    const first = connectProvider(api.url, id, { token: tokens.Alice });
    await first.provider.whenSynced();
    appendParagraph(first.doc, 'online');
    await first.provider.flush();
    const saved = Y.encodeStateVector(first.doc);
    first.provider.disconnect();
    appendParagraph(first.doc, 'offline');
    // Bob's edit reached her, but not the server (its commit failed); Bob still owns his clientID.
    const bob = new Y.Doc();
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(first.doc));
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(bob, 'bob, stored')) }, tokens.Bob);
    Y.applyUpdate(first.doc, Y.encodeStateAsUpdate(bob));
    appendParagraph(bob, 'bob, lost');
    Y.applyUpdate(first.doc, Y.encodeStateAsUpdate(bob));
    const kept = Y.encodeStateAsUpdate(first.doc);
    first.provider.destroy();

    // Session 2: a new doc (a new clientID) restored from what was kept.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, kept);
    const errors: string[] = [];
    const second = connectProvider(api.url, id, { doc, token: tokens.Alice, serverStateVector: saved });
    second.provider.on('error', (error) => errors.push(error.type));
    try {
      await second.provider.whenSynced();
      await second.provider.flush();
      expect(second.provider.status).toMatchObject({ pending: 0, refused: 0 });
      expect(errors).toEqual([]);
      expect(await documentText(api.url, id)).toBe('online\noffline\nbob, stored');
    } finally {
      second.provider.destroy();
    }
  });
});

function paragraphNode(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
}
