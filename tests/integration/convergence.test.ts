// Convergence: six providers, WebSocket and SSE mixed, make seeded random concurrent edits to
// the `default` XmlFragment (insert and delete paragraphs, insert and delete text inside
// them); afterwards every Y.Doc and the server's Document.text are equal. The seed is printed
// on failure; TANDEM_SEED=<n> replays it.
import { bodyText } from '@tandem/api/text';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backends, startApi, type TestApi } from '../support/api.js';
import { createDocument, documentText } from '../support/clients.js';
import { connectProvider } from '../support/providers.js';
import { prng, seedFromEnv } from '../support/random.js';

const CLIENTS = 6;
const ROUNDS = 40;

type Random = ReturnType<typeof prng>;

/** One random edit of the body, as a person's editor would make it. */
function randomEdit(doc: Y.Doc, random: Random): void {
  const body = doc.getXmlFragment('default');
  const paragraphs = body.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
  const roll = random.next();
  if (paragraphs.length === 0 || roll < 0.25) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(random.word())]);
    body.insert(random.int(body.length + 1), [paragraph]);
    return;
  }
  const paragraph = random.pick(paragraphs);
  const text = paragraph.get(0);
  if (roll < 0.35) {
    body.delete(body.toArray().indexOf(paragraph), 1);
  } else if (text instanceof Y.XmlText && roll < 0.8) {
    text.insert(random.int(text.length + 1), random.word());
  } else if (text instanceof Y.XmlText && text.length > 0) {
    const at = random.int(text.length);
    text.delete(at, 1 + random.int(Math.min(4, text.length - at)));
  }
}

describe.each(backends)('convergence (%s)', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ backend });
  });
  afterAll(() => api?.close());

  it(`${CLIENTS} clients over WebSocket and SSE converge after random concurrent edits`, async () => {
    const seed = seedFromEnv();
    const random = prng(seed);
    const id = await createDocument(api.url, `convergence ${seed}`);
    const clients = Array.from({ length: CLIENTS }, (_, i) =>
      connectProvider(api.url, id, { transport: i % 2 === 0 ? 'websocket' : 'sse', batchDelay: random.int(15) }),
    );
    try {
      await Promise.all(clients.map(({ provider }) => provider.whenSynced()));
      expect(clients.map(({ provider }) => provider.status.transport)).toEqual(
        clients.map((_, i) => (i % 2 === 0 ? 'websocket' : 'sse')),
      );
      for (let round = 0; round < ROUNDS; round++) {
        // Several clients edit in the same tick, then the network gets a moment.
        for (const { doc } of clients) if (random.next() < 0.6) randomEdit(doc, random);
        if (random.next() < 0.5) await new Promise((resolve) => setTimeout(resolve, random.int(30)));
      }
      await Promise.all(clients.map(({ provider }) => provider.flush()));
      const serverText = await vi.waitFor(
        async () => {
          const text = await documentText(api.url, id);
          for (const { doc } of clients) expect(bodyText(doc)).toBe(text);
          return text;
        },
        { timeout: 20_000, interval: 200 },
      );
      expect(serverText.length).toBeGreaterThan(0);
    } catch (error) {
      console.error(`convergence failed with seed ${seed} (replay: TANDEM_SEED=${seed})`);
      throw error;
    } finally {
      for (const { provider } of clients) provider.destroy();
    }
  });
});
