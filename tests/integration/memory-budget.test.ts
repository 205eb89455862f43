// Live documents bounded by memory (LIVE_DOCUMENTS_MAX_BYTES): when the documents in memory
// outgrow the budget, idle ones leave, the least recently used first, each with its edits kept
// in a last version; a watched document stays; a document bigger than the whole budget still
// opens. The API's clock is the test's, so "idle" and "recently used" are exact.
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { createDocument, DOCUMENT_EVENTS, documentText, must, PUSH_UPDATE, subscription, toBase64, wsClient } from '../support/clients.js';
import { scrape, valueOf } from '../support/metrics.js';
import { prng } from '../support/random.js';

const KB = 1024;
const BUDGET = 30 * KB;
const DAY = String(86_400_000);
const SNAPSHOTS = 'query($id: ID!) { document(id: $id) { snapshots { nodes { version kind } } } }';

describe('live documents within LIVE_DOCUMENTS_MAX_BYTES', () => {
  let clock = Date.parse('2026-11-21T10:00:00.000Z');
  let api: TestApi;
  const random = prng(11).next;

  beforeAll(async () => {
    // Only the budget evicts here: idle eviction and every version trigger are a day away.
    api = await startApi({
      now: () => clock,
      env: {
        LIVE_DOCUMENTS_MAX_BYTES: String(BUDGET),
        DOCUMENT_IDLE_MS: DAY,
        SNAPSHOT_IDLE_MS: DAY,
        SNAPSHOT_EVERY_MS: DAY,
        SNAPSHOT_EVERY_UPDATES: '1000000',
      },
    });
  });
  afterAll(() => api?.close());

  /** A paragraph of `size` random letters: about `size` bytes once encoded. */
  function text(size: number): string {
    return Array.from({ length: size }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
  }

  /** A new document holding one paragraph of `size` letters (pushing it makes it live). */
  async function documentOf(size: number): Promise<{ id: string; body: string }> {
    const id = await createDocument(api.url);
    const body = text(size);
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(body)]);
    doc.getXmlFragment('default').push([paragraph]);
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(doc)) });
    return { id, body };
  }

  const live = (id: string) => api.documents.registry.get(id) !== undefined;
  const later = () => (clock += 2_000);

  it('evicts the least recently used idle documents first, keeps their edits, and reloads them intact', async () => {
    const a = await documentOf(12 * KB);
    later();
    const b = await documentOf(12 * KB);
    later();
    // A is used again: B is now the least recently used.
    expect(await documentText(api.url, a.id)).toBe(a.body);
    later();

    const c = await documentOf(12 * KB);
    await vi.waitFor(() => expect(live(b.id)).toBe(false), { timeout: 10_000 });
    expect([live(a.id), live(c.id)]).toEqual([true, true]);
    const samples = await scrape(api.url);
    expect(valueOf(samples, 'tandem_document_evictions_total', { reason: 'memory' })).toBe(1);
    expect(valueOf(samples, 'tandem_live_documents')).toBe(2);
    expect(valueOf(samples, 'tandem_live_document_bytes')).toBeLessThanOrEqual(BUDGET);
    // B's edits were only in its update log: they went into a last version before it left.
    expect((await must<{ document: { snapshots: { nodes: unknown[] } } }>(api.url, SNAPSHOTS, { id: b.id })).document.snapshots.nodes).toEqual([
      { version: 1, kind: 'AUTO' },
    ]);

    later();
    // B comes back intact, and A (now the least recently used) makes room for it.
    expect(await documentText(api.url, b.id)).toBe(b.body);
    await vi.waitFor(() => expect(live(a.id)).toBe(false), { timeout: 10_000 });
    expect([live(b.id), live(c.id)]).toEqual([true, true]);
  });

  it('keeps a watched document however long ago it was used, and opens one bigger than the whole budget', async () => {
    const watched = await documentOf(12 * KB);
    const client = wsClient(api.wsUrl);
    const events = subscription(client, DOCUMENT_EVENTS, { id: watched.id });
    await events.next();
    later();
    const idle = await documentOf(8 * KB);
    later();

    const huge = await documentOf(BUDGET + 10 * KB);
    expect(await documentText(api.url, huge.id)).toBe(huge.body);
    // Every idle document makes room; the watched one and the huge one stay.
    await vi.waitFor(() => expect(live(idle.id)).toBe(false), { timeout: 10_000 });
    expect([live(watched.id), live(huge.id)]).toEqual([true, true]);

    // The idle one comes back; the huge one, idle now, makes room; the watched one stays, and
    // its subscription was never cut: an edit still reaches it.
    later();
    expect(await documentText(api.url, idle.id)).toBe(idle.body);
    await vi.waitFor(() => expect(live(huge.id)).toBe(false), { timeout: 10_000 });
    expect(live(watched.id)).toBe(true);
    const edit = new Y.Doc();
    edit.getXmlFragment('default').push([new Y.XmlElement('paragraph')]);
    await must(api.url, PUSH_UPDATE, { id: watched.id, update: toBase64(Y.encodeStateAsUpdate(edit)) });
    expect((await events.next()).data?.documentEvents.kind).toBe('UPDATE');
    await client.dispose();
  });
});
