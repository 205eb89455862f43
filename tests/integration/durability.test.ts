// An acknowledged update survives a crash: 500 pushes are acknowledged by an API running in
// its own process, the process is killed with SIGKILL while more pushes are in flight, and a
// restarted API on the same storage still has every acknowledged edit.
import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, spawnApi, tempDir } from '../support/api.js';
import { createDocument, docWithParagraphs, documentText, gql, PUSH_UPDATE, toBase64 } from '../support/clients.js';

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
