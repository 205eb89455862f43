// Versions: createSnapshot numbers them gap-free and records what each covers; a snapshot lets
// the log behind it be compacted without losing text; restoreSnapshot is a new change that
// reaches live clients and is itself a version; the version policy stores AUTO versions.
import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backends, startApi, tempDir, type Backend, type TestApi } from '../support/api.js';
import { createDocument, DOCUMENT_EVENTS, documentText, fromBase64, gql, must, PUSH_UPDATE, subscription, toBase64, wsClient } from '../support/clients.js';
import { ADMIN, editorsOf, shareLink } from '../support/callers.js';
import { appendParagraph, paragraphs } from '../support/docs.js';

const SNAPSHOT_FIELDS = 'version label kind byteSize state text updateCount authors createdAt';
const CREATE_SNAPSHOT = `mutation($id: ID!, $label: String) { createSnapshot(documentId: $id, label: $label) { ${SNAPSHOT_FIELDS} } }`;
const RESTORE_SNAPSHOT = 'mutation($id: ID!, $version: Int!) { restoreSnapshot(documentId: $id, version: $version) { id } }';
const SNAPSHOT = `query($id: ID!, $version: Int!) { document(id: $id) { snapshot(version: $version) { ${SNAPSHOT_FIELDS} } } }`;
const SNAPSHOTS = `query($id: ID!, $first: Int, $after: String) {
  document(id: $id) { snapshots(first: $first, after: $after) { nodes { ${SNAPSHOT_FIELDS} } pageInfo { hasNextPage endCursor } } }
}`;

interface Snapshot {
  version: number;
  label: string | null;
  kind: string;
  byteSize: number;
  state: string;
  text: string;
  updateCount: number;
  authors: string[];
  createdAt: string;
}
interface SnapshotPage {
  nodes: Snapshot[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

function textOfState(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return paragraphs(doc);
}

/**
 * A writer: a client Y.Doc whose every edit is pushed to the API, as the caller `as` (a
 * token; the administrator by default). History's authors are the callers' account names.
 */
/**
 * Appends paragraphs as different callers, each from a client of its own (a clientID belongs to
 * one account, issue 11) that has caught up with everything appended before.
 */
function writer(api: TestApi, id: string) {
  const doc = new Y.Doc();
  const clients = new Map<string | undefined, Y.Doc>();
  return {
    doc,
    append: (text: string, as?: string) => {
      const client = clients.get(as) ?? new Y.Doc();
      clients.set(as, client);
      Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
      const update = appendParagraph(client, text);
      Y.applyUpdate(doc, update);
      return must(api.url, PUSH_UPDATE, { id, update: toBase64(update) }, as);
    },
  };
}

async function createSnapshot(api: TestApi, id: string, label: string | null = null): Promise<Snapshot> {
  return (await must<{ createSnapshot: Snapshot }>(api.url, CREATE_SNAPSHOT, { id, label })).createSnapshot;
}

async function snapshots(api: TestApi, id: string, first?: number, after?: string | null): Promise<SnapshotPage> {
  return (await must<{ document: { snapshots: SnapshotPage } }>(api.url, SNAPSHOTS, { id, first, after })).document.snapshots;
}

async function snapshot(api: TestApi, id: string, version: number): Promise<Snapshot | null> {
  return (await must<{ document: { snapshot: Snapshot | null } }>(api.url, SNAPSHOT, { id, version })).document.snapshot;
}

/** The checks every stored version must pass, whatever its kind. */
function expectConsistent(version: Snapshot, text: string): void {
  const state = fromBase64(version.state);
  expect(version.byteSize).toBe(state.byteLength);
  expect(textOfState(state)).toBe(text);
  expect(version.text).toBe(text);
}

describe.each(backends)('versions (%s)', (backend) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({ backend });
  });
  afterAll(() => api?.close());

  it('createSnapshot stores versions 1, 2, 3: MANUAL without a label, NAMED with one, each with what it covers', async () => {
    const id = await createDocument(api.url);
    const edits = writer(api, id);
    const people = await editorsOf(api.url, id, 'Ada', 'Grace');
    const guest = await shareLink(api.url, id, 'EDITOR');

    await edits.append('one', people.Ada);
    const first = await createSnapshot(api, id);
    expect(first).toMatchObject({ version: 1, label: null, kind: 'MANUAL', updateCount: 1, authors: ['Ada'] });
    expectConsistent(first, 'one');

    // Four updates by two people and a guest: authors are distinct and sorted.
    await edits.append('two', people.Grace);
    await edits.append('three', people.Ada);
    await edits.append('four', guest.token);
    await edits.append('five', people.Grace);
    const second = await createSnapshot(api, id, 'Draft');
    expect(second).toMatchObject({ version: 2, label: 'Draft', kind: 'NAMED', updateCount: 4, authors: ['Ada', 'Grace', 'Guest'] });
    expectConsistent(second, 'one\ntwo\nthree\nfour\nfive');

    // Nothing new since version 2: still a version of its own, covering no updates.
    const third = await createSnapshot(api, id);
    expect(third).toMatchObject({ version: 3, label: null, kind: 'MANUAL', updateCount: 0, authors: [] });
    expectConsistent(third, 'one\ntwo\nthree\nfour\nfive');

    // Each version still reads as it was stored, not as the document is now.
    await edits.append('six');
    expect(await snapshot(api, id, 1)).toEqual(first);
    expect(await snapshot(api, id, 2)).toEqual(second);
    expect(await documentText(api.url, id)).toBe('one\ntwo\nthree\nfour\nfive\nsix');
  });

  it('lists versions newest first, page by page', async () => {
    const id = await createDocument(api.url);
    for (const label of ['a', 'b', 'c']) await createSnapshot(api, id, label);

    const page1 = await snapshots(api, id, 2);
    expect(page1.nodes.map((s) => s.version)).toEqual([3, 2]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.pageInfo.endCursor).toEqual(expect.any(String));

    const page2 = await snapshots(api, id, 2, page1.pageInfo.endCursor);
    expect(page2.nodes.map((s) => s.version)).toEqual([1]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    expect((await snapshots(api, id)).nodes.map((s) => s.label)).toEqual(['c', 'b', 'a']);
  });

  it('snapshot(version) is null for a version that does not exist', async () => {
    const id = await createDocument(api.url);
    await createSnapshot(api, id);
    expect(await snapshot(api, id, 1)).not.toBeNull();
    expect(await snapshot(api, id, 2)).toBeNull();
    expect(await snapshot(api, id, 0)).toBeNull();
  });

  it('restoreSnapshot reaches a live client as an update, is stored as a RESTORE version, and can be undone', async () => {
    const id = await createDocument(api.url);
    const edits = writer(api, id);
    await edits.append('first');
    await createSnapshot(api, id, 'early');
    await edits.append('second');
    await edits.append('third');
    // The version before the restore: restoring it later must undo the restore.
    await createSnapshot(api, id, 'before restore');

    // A live client that applies everything it receives, as the provider does.
    const client = wsClient(api.wsUrl);
    const mirror = new Y.Doc();
    const events = subscription<{ documentEvents: { kind: string; update: string } }>(client, DOCUMENT_EVENTS, { id });
    let applied = 0;
    const mirrorText = () => {
      for (; applied < events.events.length; applied++) Y.applyUpdate(mirror, fromBase64(events.events[applied]!.data!.documentEvents.update));
      return paragraphs(mirror);
    };
    try {
      expect((await events.next()).data?.documentEvents.kind).toBe('SYNC');
      expect(mirrorText()).toBe('first\nsecond\nthird');

      await must(api.url, RESTORE_SNAPSHOT, { id, version: 1 });
      await vi.waitFor(() => expect(mirrorText()).toBe('first'), { timeout: 10_000 });
      expect(events.events.slice(1).map((e) => e.data?.documentEvents.kind)).toEqual(expect.arrayContaining(['UPDATE']));
      expect(await documentText(api.url, id)).toBe('first');
      const restored = await snapshot(api, id, 3);
      expect(restored).toMatchObject({ version: 3, kind: 'RESTORE', label: 'Restored version 1' });
      expectConsistent(restored!, 'first');

      await must(api.url, RESTORE_SNAPSHOT, { id, version: 2 });
      await vi.waitFor(() => expect(mirrorText()).toBe('first\nsecond\nthird'), { timeout: 10_000 });
      expect(await documentText(api.url, id)).toBe('first\nsecond\nthird');
      expect(await snapshot(api, id, 4)).toMatchObject({ kind: 'RESTORE', label: 'Restored version 2', text: 'first\nsecond\nthird' });

      // History before the restores is kept.
      const history = await snapshots(api, id);
      expect(history.nodes.map((s) => [s.version, s.text])).toEqual([
        [4, 'first\nsecond\nthird'],
        [3, 'first'],
        [2, 'first\nsecond\nthird'],
        [1, 'first'],
      ]);
    } finally {
      await client.dispose();
    }
  });

  it('restoring an unknown version is NOT_FOUND and changes nothing', async () => {
    const id = await createDocument(api.url);
    await writer(api, id).append('kept');
    await createSnapshot(api, id);

    const result = await gql(api.url, RESTORE_SNAPSHOT, { id, version: 2 });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await documentText(api.url, id)).toBe('kept');
    expect((await snapshots(api, id)).nodes.map((s) => s.version)).toEqual([1]);
  });
});

describe.each(backends)('compaction (%s)', (backend: Backend) => {
  it('after a snapshot the log behind it is dropped, and a restarted API rebuilds the text from the snapshot plus later updates', async () => {
    // Both starts must see the same data: one PGlite folder, or the one PostgreSQL database.
    const dataDir = tempDir();
    let api = await startApi({ backend, dataDir });
    try {
      const id = await createDocument(api.url);
      const edits = writer(api, id);
      await edits.append('before one');
      await edits.append('before two');
      await createSnapshot(api, id);
      await edits.append('after');

      // Compacted: only the update after the snapshot is left in the log.
      expect(await api.database.prisma.documentUpdate.count({ where: { documentId: id } })).toBe(1);

      await api.close();
      api = await startApi({ backend, dataDir });
      expect(await documentText(api.url, id)).toBe('before one\nbefore two\nafter');
      expect((await snapshot(api, id, 1))?.text).toBe('before one\nbefore two');
    } finally {
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(backends)('automatic versions (%s)', (backend) => {
  const HOUR = 3_600_000;
  const EVERY_MS = 10 * 60_000;
  const NEVER = String(24 * HOUR);

  // The clock the API reads for the age trigger and for timestamps; the test moves it.
  let clock = Date.parse('2026-11-21T10:00:00.000Z');
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({
      backend,
      now: () => clock,
      // The idle trigger is tested on its own below; here it must stay out of the way.
      env: { SNAPSHOT_EVERY_UPDATES: '5', SNAPSHOT_EVERY_MS: String(EVERY_MS), SNAPSHOT_IDLE_MS: NEVER, DOCUMENT_IDLE_MS: NEVER },
    });
  });
  afterAll(() => api?.close());

  it('stores an AUTO version once SNAPSHOT_EVERY_UPDATES updates have arrived', async () => {
    const id = await createDocument(api.url);
    const edits = writer(api, id);
    for (const text of ['1', '2', '3', '4']) await edits.append(text);
    expect((await snapshots(api, id)).nodes).toEqual([]);

    await edits.append('5');
    await vi.waitFor(async () => expect((await snapshots(api, id)).nodes).toHaveLength(1), { timeout: 10_000 });
    const [auto] = (await snapshots(api, id)).nodes;
    expect(auto).toMatchObject({ version: 1, label: null, kind: 'AUTO', updateCount: 5, authors: [ADMIN.name] });
    expectConsistent(auto!, '1\n2\n3\n4\n5');
  });

  it('stores an AUTO version on the first update after the oldest unversioned one is SNAPSHOT_EVERY_MS old', async () => {
    const id = await createDocument(api.url);
    const edits = writer(api, id);
    await edits.append('old');
    clock += EVERY_MS - 1;
    await edits.append('not yet');
    expect((await snapshots(api, id)).nodes).toEqual([]);

    clock += 1;
    await edits.append('now');
    await vi.waitFor(async () => expect((await snapshots(api, id)).nodes).toHaveLength(1), { timeout: 10_000 });
    const [auto] = (await snapshots(api, id)).nodes;
    expect(auto).toMatchObject({ version: 1, label: null, kind: 'AUTO', updateCount: 3, createdAt: new Date(clock).toISOString() });
    expectConsistent(auto!, 'old\nnot yet\nnow');
  });
});

describe.each(backends)('automatic version after a pause (%s)', (backend) => {
  const IDLE_MS = 2000;
  const DAY = String(86_400_000);
  // The pause is measured on the API's clock, which the test moves; the real timer of IDLE_MS
  // then finds the document idle.
  let clock = Date.parse('2026-11-21T10:00:00.000Z');
  let api: TestApi;

  beforeAll(async () => {
    // Only the idle trigger can fire: the others are a day away.
    api = await startApi({
      backend,
      now: () => clock,
      env: { SNAPSHOT_IDLE_MS: String(IDLE_MS), SNAPSHOT_EVERY_UPDATES: '1000000', SNAPSHOT_EVERY_MS: DAY, DOCUMENT_IDLE_MS: DAY },
    });
  });
  afterAll(() => api?.close());

  it('stores an AUTO version once the document has been quiet for SNAPSHOT_IDLE_MS', async () => {
    const id = await createDocument(api.url);
    const edits = writer(api, id);
    await edits.append('typed');
    await edits.append('then paused');
    clock += IDLE_MS;

    await vi.waitFor(async () => expect((await snapshots(api, id)).nodes).toHaveLength(1), { timeout: 15_000, interval: 200 });
    const [auto] = (await snapshots(api, id)).nodes;
    expect(auto).toMatchObject({ version: 1, label: null, kind: 'AUTO', updateCount: 2 });
    expectConsistent(auto!, 'typed\nthen paused');
  });
});

describe.each(backends)('eviction of an idle document (%s)', (backend) => {
  const IDLE_MS = 1000;
  const DAY = String(86_400_000);
  let clock = Date.parse('2026-11-21T10:00:00.000Z');
  let api: TestApi;

  beforeAll(async () => {
    // Only eviction can store a version here: every version trigger is a day away.
    api = await startApi({
      backend,
      now: () => clock,
      env: { DOCUMENT_IDLE_MS: String(IDLE_MS), SNAPSHOT_IDLE_MS: DAY, SNAPSHOT_EVERY_UPDATES: '1000000', SNAPSHOT_EVERY_MS: DAY },
    });
  });
  afterAll(() => api?.close());

  it('keeps a watched document, evicts it once nobody uses it (storing a last version), and reloads it intact', async () => {
    const id = await createDocument(api.url);
    const client = wsClient(api.wsUrl);
    const watching = subscription(client, DOCUMENT_EVENTS, { id });
    await watching.next();
    const edits = writer(api, id);
    await edits.append('kept');
    await edits.append('in memory');

    // Long idle on the API's clock, but a subscriber is there: the sweep (every second of real
    // time) must leave the document alone.
    clock += 10 * IDLE_MS;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await snapshots(api, id)).nodes).toHaveLength(0);

    await client.dispose();
    // The clock keeps moving: the server notes the subscriber's departure as activity.
    await vi.waitFor(
      async () => {
        clock += IDLE_MS;
        expect((await snapshots(api, id)).nodes).toHaveLength(1);
      },
      { timeout: 10_000, interval: 200 },
    );
    const [last] = (await snapshots(api, id)).nodes;
    expect(last).toMatchObject({ version: 1, kind: 'AUTO', updateCount: 2, authors: [ADMIN.name] });
    expectConsistent(last!, 'kept\nin memory');

    // Loaded again on first use, from that version: text, new edits and a new SYNC all agree.
    expect(await documentText(api.url, id)).toBe('kept\nin memory');
    await edits.append('after reload');
    expect(await documentText(api.url, id)).toBe('kept\nin memory\nafter reload');
    const again = wsClient(api.wsUrl);
    const sync = await subscription<{ documentEvents: { update: string } }>(again, DOCUMENT_EVENTS, { id }).next();
    expect(textOfState(fromBase64(sync.data!.documentEvents.update))).toBe('kept\nin memory\nafter reload');
    await again.dispose();
  });
});
