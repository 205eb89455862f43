// History through GraphQL: a text diff between versions (and against the current document)
// that a client can render without Yjs, and the retention policy that thins automatic
// versions as they age while keeping named ones, driven by an injected clock.
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backends, startApi, type TestApi } from '../support/api.js';
import { createDocument, gql, must, PUSH_UPDATE, toBase64 } from '../support/clients.js';
import { editorsOf } from '../support/callers.js';

const HOUR = 3_600_000;
const SNAPSHOT = 'mutation($id: ID!, $label: String) { createSnapshot(documentId: $id, label: $label) { version } }';
const DIFF = `query($id: ID!, $from: Int!, $to: Int, $changesOnly: Boolean) {
  document(id: $id) { diff(from: $from, to: $to, changesOnly: $changesOnly) {
    from to insertedCharacters deletedCharacters oldBlockCount newBlockCount
    blocks { change type oldIndex newIndex oldText newText segments { kind text oldOffset newOffset } }
  } } }`;
const VERSIONS = `query($id: ID!) { document(id: $id) { snapshots(first: 100) { nodes { version kind label authors updateCount } } } }`;

/** A writer whose body is a list of paragraphs it can rewrite. */
function writer() {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment('default');
  let last: Uint8Array = new Uint8Array();
  doc.on('update', (update: Uint8Array) => (last = update));
  return {
    add(text: string) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      body.push([paragraph]);
      return last;
    },
    edit(index: number, at: number, remove: number, insert: string) {
      const text = (body.get(index) as Y.XmlElement).get(0) as Y.XmlText;
      doc.transact(() => {
        text.delete(at, remove);
        text.insert(at, insert);
      });
      return last;
    },
    remove(index: number) {
      body.delete(index, 1);
      return last;
    },
  };
}

describe.each(backends)('version diff (%s)', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ backend });
  });
  afterAll(() => api?.close());

  it('describes inserted, deleted and modified blocks with character runs', async () => {
    const id = await createDocument(api.url);
    const w = writer();
    for (const line of ['Intro', 'The cat sat on the mat', 'Goodbye']) await must(api.url, PUSH_UPDATE, { id, update: toBase64(w.add(line)) });
    await must(api.url, SNAPSHOT, { id, label: 'draft' });
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(w.edit(1, 4, 3, 'dog')) });
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(w.remove(2)) });
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(w.add('New ending')) });
    await must(api.url, SNAPSHOT, { id, label: 'final' });

    const { document } = await must(api.url, DIFF, { id, from: 1, to: 2 });
    const diff = document.diff;
    expect(diff).toMatchObject({ from: 1, to: 2, oldBlockCount: 3, newBlockCount: 3 });
    expect(diff.blocks.map((b: { change: string }) => b.change)).toEqual(['UNCHANGED', 'MODIFIED', 'MODIFIED']);
    const edited = diff.blocks[1];
    expect(edited).toMatchObject({ oldIndex: 1, newIndex: 1, oldText: 'The cat sat on the mat', newText: 'The dog sat on the mat' });
    expect(edited.segments.filter((s: { kind: string }) => s.kind !== 'EQUAL')).toEqual([
      { kind: 'DELETE', text: 'cat', oldOffset: 4, newOffset: 4 },
      { kind: 'INSERT', text: 'dog', oldOffset: 7, newOffset: 4 },
    ]);
    // Rebuilding both texts from the runs gives the two versions back.
    const rebuild = (keep: string) =>
      diff.blocks
        .filter((b: { change: string }) => b.change !== (keep === 'old' ? 'INSERTED' : 'DELETED'))
        .map((b: { segments: { kind: string; text: string }[] }) =>
          b.segments.filter((s) => s.kind === 'EQUAL' || s.kind === (keep === 'old' ? 'DELETE' : 'INSERT')).map((s) => s.text).join(''),
        )
        .join('\n');
    expect(rebuild('old')).toBe('Intro\nThe cat sat on the mat\nGoodbye');
    expect(rebuild('new')).toBe('Intro\nThe dog sat on the mat\nNew ending');
    expect(diff.insertedCharacters).toBeGreaterThan(0);
    expect(diff.deletedCharacters).toBeGreaterThan(0);
  });

  it('compares a version with the current document when `to` is omitted, and can leave out unchanged blocks', async () => {
    const id = await createDocument(api.url);
    const w = writer();
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(w.add('one')) });
    await must(api.url, SNAPSHOT, { id, label: null });
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(w.add('two')) });
    const { document } = await must(api.url, DIFF, { id, from: 1, changesOnly: true });
    expect(document.diff.to).toBeNull();
    expect(document.diff.blocks).toEqual([
      { change: 'INSERTED', type: 'paragraph', oldIndex: null, newIndex: 1, oldText: null, newText: 'two', segments: [{ kind: 'INSERT', text: 'two', oldOffset: 0, newOffset: 0 }] },
    ]);
  });

  it('answers NOT_FOUND for an unknown version', async () => {
    const id = await createDocument(api.url);
    const result = await gql(api.url, DIFF, { id, from: 7 });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe.each(backends)('restore keeps unsaved edits (%s)', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ backend });
  });
  afterAll(() => api?.close());

  it('stores edits made since the last version as a version of their own before restoring, labelled so', async () => {
    const id = await createDocument(api.url);
    const w = writer();
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(w.add('a')) });
    await must(api.url, SNAPSHOT, { id, label: 'only a' });
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(w.add('b')) });
    await must(api.url, 'mutation($id: ID!) { restoreSnapshot(documentId: $id, version: 1) { id } }', { id });

    const texts = await must(api.url, 'query($id: ID!) { document(id: $id) { text snapshots { nodes { version kind label text } } } }', { id });
    expect(texts.document.text).toBe('a');
    expect(texts.document.snapshots.nodes).toEqual([
      { version: 3, kind: 'RESTORE', label: 'Restored version 1', text: 'a' },
      { version: 2, kind: 'AUTO', label: 'Before restoring version 1', text: 'a\nb' },
      { version: 1, kind: 'NAMED', label: 'only a', text: 'a' },
    ]);
  });
});

describe.each(backends)('retention of automatic versions (%s)', (backend) => {
  let clock = Date.UTC(2026, 0, 1);
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({
      backend,
      now: () => clock,
      // Every push makes an automatic version; all are kept for 2 hours, then one per hour.
      env: { SNAPSHOT_EVERY_UPDATES: '1', VERSIONS_KEEP_ALL_MS: String(2 * HOUR), VERSIONS_HOURLY_MS: String(48 * HOUR) },
    });
  });
  afterAll(() => api?.close());

  it('thins aged automatic versions to one per hour, keeps named ones, and folds authors forward', async () => {
    const id = await createDocument(api.url);
    // Each person writes from a client of their own: a clientID belongs to one account (issue 11).
    const writers = { Ada: writer(), Grace: writer(), Linus: writer() };
    // Versions are listed newest first; wait for the automatic version each push makes.
    const newest = async () => (await must(api.url, VERSIONS, { id })).document.snapshots.nodes[0]?.version ?? 0;
    const people = await editorsOf(api.url, id, 'Ada', 'Grace', 'Linus');
    const push = async (text: string, author: 'Ada' | 'Grace' | 'Linus') => {
      const before = await newest();
      await must(api.url, PUSH_UPDATE, { id, update: toBase64(writers[author].add(text)) }, people[author]);
      await vi.waitFor(async () => expect(await newest()).toBeGreaterThan(before), { timeout: 10_000 });
    };
    // Three automatic versions within one hour, ten hours ago, with a named one among them.
    await push('a', 'Ada');
    clock += 10 * 60_000;
    await push('b', 'Grace');
    await must(api.url, SNAPSHOT, { id, label: 'milestone' });
    clock += 10 * 60_000;
    await push('c', 'Linus');
    // Ten hours later, one more automatic version triggers retention.
    clock += 10 * HOUR;
    await push('d', 'Ada');

    await vi.waitFor(async () => {
      const nodes = (await must(api.url, VERSIONS, { id })).document.snapshots.nodes;
      expect(nodes.map((n: { version: number; kind: string }) => [n.version, n.kind])).toEqual([
        [5, 'AUTO'],
        [4, 'AUTO'],
        [3, 'NAMED'],
      ]);
    }, { timeout: 10_000 });
    const nodes = (await must(api.url, VERSIONS, { id })).document.snapshots.nodes;
    // Versions 1 and 2 (Ada, Grace) went; what they covered now belongs to the named version 3.
    const named = nodes.find((n: { version: number }) => n.version === 3);
    expect(named.authors).toEqual(['Ada', 'Grace']);
    expect(named.updateCount).toBe(2);
    expect(await must(api.url, 'query($id: ID!) { document(id: $id) { snapshot(version: 1) { version } } }', { id })).toEqual({
      document: { snapshot: null },
    });
  });
});
