// An acknowledged update survives a crash: 500 pushes are acknowledged by an API running in
// its own process, the process is killed with SIGKILL while more pushes are in flight, and a
// restarted API on the same storage still has every acknowledged edit.
//
// Readers get an update before it is committed (DESIGN.md, "Server"), so a commit that fails
// is played too, with PostgreSQL behind a TCP hop that the test cuts: the push fails, a reader
// that saw the update pushes it back on its next SYNC, everyone converges once the database is
// back, and a push retried after its failed commit is stored (not taken for a no-op because
// the live document already had it).
import { rmSync } from 'node:fs';
import { bodyText } from '@tandem/api/text';
import * as Y from 'yjs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { backends, DATABASE_URL, spawnApi, startApi, tempDir, type TestApi } from '../support/api.js';
import {
  createDocument,
  DOCUMENT_EVENTS,
  docWithParagraphs,
  documentText,
  endsWith,
  fromBase64,
  gql,
  PUSH_UPDATE,
  subscription,
  toBase64,
  wsClient,
} from '../support/clients.js';
import { appendParagraph, paragraphs } from '../support/docs.js';
import { connectProvider } from '../support/providers.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const ACKNOWLEDGED = 500;
const WRITERS = 10;

describe.each(backends)('crash durability (%s)', (backend) => {
  const dataDir = tempDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('shuts down gracefully on SIGTERM: in-flight writes finish, the process exits 0, nothing acknowledged is lost', async () => {
    const api = await spawnApi({ backend, dataDir });
    const id = await createDocument(api.url, 'graceful stop');
    const acknowledged: string[] = [];
    let serverGone = false;
    const pushes: Promise<void>[] = [];
    for (let n = 0; n < 200 && !serverGone; n++) {
      // Each line from its own client: pushes sent without waiting must not depend on each
      // other (an update whose predecessor was refused would wait, pending, for it).
      const update = Y.encodeStateAsUpdate(docWithParagraphs(`line ${n}`));
      pushes.push(
        gql(api.url, PUSH_UPDATE, { id, update: toBase64(update) }).then(
          (result) => void (result.errors ? null : acknowledged.push(`line ${n}`)),
          () => void (serverGone = true),
        ),
      );
      if (n === 100) pushes.push(api.stop().then((code) => expect(code).toBe(0)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(pushes);

    const again = await spawnApi({ backend, dataDir });
    try {
      const lines = new Set((await documentText(again.url, id)).split('\n'));
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(acknowledged.filter((line) => !lines.has(line))).toEqual([]);
    } finally {
      await again.stop();
    }
  });

  it(`keeps all ${ACKNOWLEDGED} acknowledged updates across kill -9`, async () => {
    const first = await spawnApi({ backend, dataDir });
    const id = await createDocument(first.url, 'crash test');
    const acknowledged: string[] = [];
    let stop = false;

    // Each writer has its own Y.Doc and appends numbered paragraphs, one push per line.
    const writer = async (w: number) => {
      const doc = new Y.Doc();
      const body = doc.getXmlFragment('default');
      for (let n = 0; !stop; n++) {
        const line = `w${w}-${n}`;
        let update: Uint8Array | null = null;
        doc.once('update', (u: Uint8Array) => (update = u));
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(line)]);
        body.push([paragraph]);
        const result = await gql(first.url, PUSH_UPDATE, { id, update: toBase64(update!) }).catch(() => null);
        if (!result || result.errors) return; // the server is gone
        acknowledged.push(line);
        if (acknowledged.length >= ACKNOWLEDGED) stop = true;
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    // Crash as soon as enough are acknowledged, with the other writers' pushes in flight.
    while (acknowledged.length < ACKNOWLEDGED) await new Promise((resolve) => setTimeout(resolve, 5));
    await first.crash();
    await Promise.all(writers);

    const second = await spawnApi({ backend, dataDir });
    try {
      const lines = new Set((await documentText(second.url, id)).split('\n'));
      const missing = acknowledged.filter((line) => !lines.has(line));
      expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED);
      expect(missing, `lost ${missing.length} acknowledged edits`).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});

describe.skipIf(!DATABASE_URL)('a commit that fails (PostgreSQL stopped)', () => {
  let proxy: TcpProxy;
  let api: TestApi;
  const start = () => startApi({ backend: 'postgresql', env: { DATABASE_URL: proxy.url } });
  afterAll(async () => {
    await api?.close();
    await proxy?.close();
  });

  /** Pushes over one WebSocket (its caller was identified while the database was up). */
  const push = async (writer: ReturnType<typeof wsClient>, id: string, update: Uint8Array, origin: string) => {
    return subscription(writer, PUSH_UPDATE, { id, update: toBase64(update), origin }).next(15_000);
  };

  it('fails the push; a reader that saw the update pushes it back on its next SYNC, and everyone converges', async () => {
    proxy = await startTcpProxy(DATABASE_URL!);
    api = await start();
    const id = await createDocument(api.url, 'failed commit');
    const writerDoc = new Y.Doc();
    const writer = wsClient(api.wsUrl, undefined, { lazy: false });
    const watcher = subscription(wsClient(api.wsUrl, undefined, { lazy: false }), DOCUMENT_EVENTS, { id });
    const reader = connectProvider(api.url, id);
    try {
      expect((await watcher.next()).data?.documentEvents.kind).toBe('SYNC');
      await reader.provider.whenSynced();
      expect((await push(writer, id, appendParagraph(writerDoc, 'committed'), 'w1')).errors).toBeUndefined();
      expect((await watcher.next()).data?.documentEvents.origin).toBe('w1');

      proxy.cut();
      const lost = appendParagraph(writerDoc, 'never committed');
      const failed = await push(writer, id, lost, 'w2');
      expect(failed.errors?.length).toBeGreaterThan(0);
      // Readers had it before the commit was tried...
      const seen = await watcher.next();
      expect(seen.data?.documentEvents.origin).toBe('w2');
      expect(Y.decodeUpdate(fromBase64(seen.data?.documentEvents.update)).structs.length).toBeGreaterThan(0);
      await vi.waitFor(() => expect(paragraphs(reader.doc)).toBe('committed\nnever committed'), { timeout: 10_000 });
      // ...and are told to sync again, since the server's copy is read back from storage.
      await endsWith(watcher, 'RESYNC');

      proxy.restore();
      // The writer does not resend (this one is not a provider): the reader's SYNC brings it back.
      await vi.waitFor(async () => expect(await documentText(api.url, id)).toBe('committed\nnever committed'), { timeout: 15_000, interval: 100 });
      await reader.provider.flush();
      const late = connectProvider(api.url, id);
      try {
        await late.provider.whenSynced();
        expect(bodyText(late.doc)).toBe('committed\nnever committed');
      } finally {
        late.provider.destroy();
      }
    } finally {
      proxy.restore();
      reader.provider.destroy();
      watcher.dispose();
      await writer.dispose();
    }
    // Stored, not only in memory: a new API on the same database has it.
    await api.close();
    api = await start();
    expect(await documentText(api.url, id)).toBe('committed\nnever committed');
  });

  it('stores a push retried after its commit failed, although the live document had it', async () => {
    const id = await createDocument(api.url, 'retried push');
    const writerDoc = new Y.Doc();
    const writer = wsClient(api.wsUrl, undefined, { lazy: false });
    try {
      expect((await push(writer, id, appendParagraph(writerDoc, 'first'), 'r1')).errors).toBeUndefined();
      proxy.cut();
      const retried = appendParagraph(writerDoc, 'retried');
      expect((await push(writer, id, retried, 'r2')).errors?.length).toBeGreaterThan(0);
      proxy.restore();
      // The same bytes again, as a provider resends them.
      await vi.waitFor(async () => expect((await push(writer, id, retried, 'r2')).errors).toBeUndefined(), { timeout: 15_000, interval: 100 });
    } finally {
      proxy.restore();
      await writer.dispose();
    }
    await api.close();
    api = await start();
    expect(await documentText(api.url, id)).toBe('first\nretried');
  });
});
