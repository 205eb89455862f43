// History at scale: the first page of a document with 10,000 versions, a diff between two
// versions of a 1 MB document, and restoring a version of it. The API runs in this process so
// the 10,000 versions can be seeded straight into its database (through GraphQL they would
// take minutes to make, and making them is not what is measured).
import * as Y from 'yjs';
import { type Backend, startApi, WITHOUT_LIMITS } from '../support/api.js';
import { createDocument, must, PUSH_UPDATE, toBase64 } from '../support/clients.js';
import { percentile, progress } from './stats.js';

export interface HistoryResult {
  what: string;
  backend: Backend;
  p50: number;
  max: number;
  runs: number;
}

const VERSIONS = 10_000;
const PARAGRAPHS = 10_000;
const PARAGRAPH_CHARS = 100;

async function time(runs: number, task: () => Promise<unknown>): Promise<{ p50: number; max: number; runs: number }> {
  const samples: number[] = [];
  await task(); // warm-up
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    samples.push(performance.now() - start);
  }
  return { p50: percentile(samples, 50), max: Math.max(...samples), runs };
}

export async function history(backend: Backend): Promise<HistoryResult[]> {
  const api = await startApi({ backend, env: { ...WITHOUT_LIMITS, MAX_UPDATE_BYTES: String(8 * 1024 * 1024) } });
  try {
    const results: HistoryResult[] = [];

    progress(`seeding ${VERSIONS} versions on ${backend}`);
    const many = await createDocument(api.url, 'many versions');
    const small = new Y.Doc();
    small.getXmlFragment('default').insert(0, [new Y.XmlText('hello')]);
    await must(api.url, PUSH_UPDATE, { id: many, update: toBase64(Y.encodeStateAsUpdate(small)) });
    await must(api.url, 'mutation($id: ID!) { createSnapshot(documentId: $id) { version } }', { id: many });
    const prisma = api.database.prisma;
    const first = await prisma.snapshot.findFirstOrThrow({ where: { documentId: many } });
    for (let from = 2; from <= VERSIONS; from += 1000) {
      await prisma.snapshot.createMany({
        data: Array.from({ length: Math.min(1000, VERSIONS - from + 1) }, (_, i) => ({
          documentId: many, version: from + i, kind: 'AUTO', state: first.state, byteSize: first.byteSize, seq: first.seq,
          authors: ['Ada'], updateCount: 3, createdAt: new Date(first.createdAt.getTime() + (from + i) * 60_000),
        })),
      });
    }
    await prisma.document.update({ where: { id: many }, data: { lastVersion: VERSIONS } });
    const page = `query($id: ID!, $after: String) { document(id: $id) { snapshots(first: 20, after: $after) {
      nodes { version label kind createdAt byteSize authors updateCount } pageInfo { hasNextPage endCursor } } } }`;
    results.push({ what: `first page (20) of ${VERSIONS} versions`, backend, ...(await time(20, () => must(api.url, page, { id: many }))) });

    progress(`building a 1 MB document on ${backend}`);
    const big = await createDocument(api.url, '1 MB document');
    const doc = new Y.Doc();
    const body = doc.getXmlFragment('default');
    const line = (i: number) => `${i}`.padEnd(PARAGRAPH_CHARS, ' lorem ipsum dolor sit amet');
    doc.transact(() => {
      body.insert(0, Array.from({ length: PARAGRAPHS }, (_, i) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(line(i))]);
        return paragraph;
      }));
    });
    await must(api.url, PUSH_UPDATE, { id: big, update: toBase64(Y.encodeStateAsUpdate(doc)) });
    await must(api.url, 'mutation($id: ID!) { createSnapshot(documentId: $id, label: "before") { version } }', { id: big });
    // Edit 1% of the paragraphs.
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      for (let i = 0; i < PARAGRAPHS; i += 100) {
        const text = (body.get(i) as Y.XmlElement).get(0) as Y.XmlText;
        text.delete(10, 5);
        text.insert(10, 'EDITED');
      }
    });
    await must(api.url, PUSH_UPDATE, { id: big, update: toBase64(Y.encodeStateAsUpdate(doc, before)) });
    await must(api.url, 'mutation($id: ID!) { createSnapshot(documentId: $id, label: "after") { version } }', { id: big });
    const diff = `query($id: ID!) { document(id: $id) { diff(from: 1, to: 2, changesOnly: true) { insertedCharacters deletedCharacters blocks { change newIndex segments { kind text oldOffset newOffset } } } } }`;
    results.push({ what: 'diff of two versions, 1 MB document (1% of blocks edited)', backend, ...(await time(5, () => must(api.url, diff, { id: big }))) });
    const restore = 'mutation($id: ID!, $v: Int!) { restoreSnapshot(documentId: $id, version: $v) { id } }';
    let flip = false;
    results.push({
      what: 'restore a version, 1 MB document',
      backend,
      ...(await time(5, () => must(api.url, restore, { id: big, v: (flip = !flip) ? 1 : 2 }))),
    });
    return results;
  } finally {
    await api.close();
  }
}
