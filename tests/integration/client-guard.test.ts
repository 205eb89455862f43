// No client can hurt another (issue 11): a clientID belongs to whoever first wrote with it, so
// nobody else may add structs under it; deleting someone's text stays allowed; an update whose
// dependencies the document lacks waits aside (acknowledged, stored) instead of being left
// pending in Yjs, and goes in once they arrive, also after a restart.
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, tempDir, type TestApi } from '../support/api.js';
import { editorsOf, shareLink } from '../support/callers.js';
import { createDocument, DOCUMENT_TEXT, gql, must, PUSH_UPDATE, toBase64 } from '../support/clients.js';
import { appendParagraph, paragraphs } from '../support/docs.js';
import { scrape, valueOf } from '../support/metrics.js';

async function serverText(url: string, id: string): Promise<string> {
  return (await must<{ document: { text: string } }>(url, DOCUMENT_TEXT, { id })).document.text;
}

/** What Yjs holds back in the server's live copy: must stay empty, whatever clients send. */
function pendingOnServer(api: TestApi, id: string) {
  const doc = api.documents.registry.get(id)?.doc;
  return { structs: doc?.store.pendingStructs ?? null, deletions: doc?.store.pendingDs ?? null };
}

/** A copy of `owner`'s document that writes under its clientID: what a forger makes. */
function forgedAs(owner: Y.Doc): Y.Doc {
  const forged = new Y.Doc();
  Y.applyUpdate(forged, Y.encodeStateAsUpdate(owner));
  forged.clientID = owner.clientID; // after: Yjs moves off a clientID it sees arrive from elsewhere
  return forged;
}

describe('client guard', () => {
  let api: TestApi;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDir();
    api = await startApi({ dataDir, env: { QUARANTINE_MAX_BYTES: String(64 * 1024) } });
  });
  afterAll(() => api?.close());

  async function room() {
    const id = await createDocument(api.url);
    const tokens = await editorsOf(api.url, id, 'Alice', 'Mallory', 'Bob');
    return { id, tokens };
  }

  it("refuses new structs under someone else's clientID, and changes nothing", async () => {
    const { id, tokens } = await room();
    const alice = new Y.Doc();
    expect((await gql(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(alice, 'alice wrote this')) }, tokens.Alice)).errors).toBeUndefined();

    // Mallory continues Alice's clientID from where the server has it.
    const forged = forgedAs(alice);
    const result = await gql(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(forged, 'mallory as alice')) }, tokens.Mallory);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((result.errors?.[0]?.extensions as { clientId?: number }).clientId).toBe(alice.clientID);
    expect(await serverText(api.url, id)).toBe('alice wrote this');

    // Alice's own next edit still goes in, and the server agrees with her.
    expect((await gql(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(alice, 'and this')) }, tokens.Alice)).errors).toBeUndefined();
    expect(await serverText(api.url, id)).toBe(paragraphs(alice));
  });

  it("lets anyone delete others' text, push back what the server has, and write from a second tab", async () => {
    const { id, tokens } = await room();
    const alice = new Y.Doc();
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(alice, 'one')) }, tokens.Alice);
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(alice, 'two')) }, tokens.Alice);

    // Bob holds everything (Alice's structs included) and deletes Alice's first paragraph: his
    // update carries Alice's structs the server has, his own new one, and a deletion.
    const bob = new Y.Doc();
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    bob.getXmlFragment('default').delete(0, 1);
    appendParagraph(bob, 'three');
    expect((await gql(api.url, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(bob)) }, tokens.Bob)).errors).toBeUndefined();
    expect(await serverText(api.url, id)).toBe('two\nthree');

    // The same account in a second tab (a doc restored with the first tab's clientID) is the same owner.
    const aliceAgain = new Y.Doc();
    Y.applyUpdate(aliceAgain, Y.encodeStateAsUpdate(bob));
    aliceAgain.clientID = alice.clientID; // after: Yjs moves off a clientID it sees arrive from elsewhere
    expect((await gql(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(aliceAgain, 'four')) }, tokens.Alice)).errors).toBeUndefined();
    expect(await serverText(api.url, id)).toBe('two\nthree\nfour');
  });

  it('keeps guests of a share link to their own clientIDs too', async () => {
    const { id, tokens } = await room();
    const link = await shareLink(api.url, id, 'EDITOR');
    const guest = new Y.Doc();
    expect((await gql(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(guest, 'guest')) }, link.token)).errors).toBeUndefined();
    const forged = forgedAs(guest);
    const result = await gql(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(forged, 'not the guest')) }, tokens.Alice);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('claims a clientID by presence too, so nobody can take it before its owner types', async () => {
    const { id, tokens } = await room();
    const bob = new Y.Doc();
    const presence = new awarenessProtocol.Awareness(bob);
    presence.setLocalState({ user: { name: 'Bob' } });
    const PUSH_AWARENESS = 'mutation($id: ID!, $update: Base64!) { pushAwareness(documentId: $id, update: $update) }';
    const bobPresence = toBase64(awarenessProtocol.encodeAwarenessUpdate(presence, [bob.clientID]));
    expect((await gql(api.url, PUSH_AWARENESS, { id, update: bobPresence }, tokens.Bob)).errors).toBeUndefined();

    // Mallory saw Bob's clientID in the presence events and tries to write, or be present, under it.
    const forged = new Y.Doc();
    forged.clientID = bob.clientID;
    const taken = await gql(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(forged, 'mallory first')) }, tokens.Mallory);
    expect(taken.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(api.url, PUSH_AWARENESS, { id, update: bobPresence }, tokens.Mallory)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect((await gql(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(bob, 'bob types')) }, tokens.Bob)).errors).toBeUndefined();
    expect(await serverText(api.url, id)).toBe('bob types');
    presence.destroy();
  });

  // The pending-update attack: a struct "from the future" of Alice's clientID (its clock skips
  // the one Alice is about to use). Without the guard the server keeps it pending, integrates it
  // as soon as Alice's next edit fills the gap, and then ignores Alice's real edit at that clock:
  // her text never reaches anyone and the server disagrees with her for good.
  it("a forged future struct under Alice's clientID cannot block her edits", async () => {
    const { id, tokens } = await room();
    const alice = new Y.Doc();
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(alice, 'start')) }, tokens.Alice);

    const forged = forgedAs(alice);
    appendParagraph(forged, 'x'); // the clocks Alice will use next, kept back
    const future = appendParagraph(forged, 'FORGED'); // depends on them: pending on the server
    const attack = await gql(api.url, PUSH_UPDATE, { id, update: toBase64(future) }, tokens.Mallory);

    for (const text of ['y', 'alice goes on', 'and on']) {
      const result = await gql(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(alice, text)) }, tokens.Alice);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    }
    // Without the guard the server ends with "start\ny\nFORGEDgoes on\nand on": Alice lost an edit.
    expect(await serverText(api.url, id)).toBe(paragraphs(alice));
    expect(pendingOnServer(api, id)).toEqual({ structs: null, deletions: null });
    expect(attack.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  // The same attack with a deletion: Mallory deletes clocks of Alice's that exist nowhere yet.
  // Held until they arrive, it would remove Alice's next paragraph the moment she typed it.
  it("a deletion of text Alice has not typed yet cannot remove it when she does", async () => {
    const { id, tokens } = await room();
    const alice = new Y.Doc();
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(alice, 'start')) }, tokens.Alice);

    const forged = forgedAs(alice);
    const body = forged.getXmlFragment('default');
    appendParagraph(forged, 'x'); // the first clocks of Alice's next paragraph
    body.delete(1, 1);
    // Only the deletion travels (no structs, so no clientID is claimed): a delete set of the future.
    const deletion = Y.encodeStateAsUpdate(forged, Y.encodeStateVector(forged));
    const attack = await gql(api.url, PUSH_UPDATE, { id, update: toBase64(deletion) }, tokens.Mallory);
    expect(attack.errors).toBeUndefined(); // accepted, as a deletion is; what it names ahead is dropped

    for (const text of ['alice goes on', 'and on']) await must(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(alice, text)) }, tokens.Alice);
    // Without the fix the held deletion is released by Alice's edit and removes it: "start\nand on".
    await new Promise((resolve) => setTimeout(resolve, 200)); // a release runs after the push that brings its clocks
    expect(await serverText(api.url, id)).toBe('start\nalice goes on\nand on');
    expect(pendingOnServer(api, id)).toEqual({ structs: null, deletions: null });
  });

  it('holds an update whose dependencies are missing, acknowledges it, and applies it once they arrive, after a restart too', async () => {
    const { id, tokens } = await room();
    const alice = new Y.Doc();
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(alice, 'base')) }, tokens.Alice);

    // Bob builds on an edit of Alice's that the server has not got yet (as with fan-out lag
    // between instances, or a commit that failed after the fan-out).
    const late = appendParagraph(alice, 'alice, late');
    const bob = new Y.Doc();
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    const built = appendParagraph(bob, 'bob, on top');
    expect((await gql(api.url, PUSH_UPDATE, { id, update: toBase64(built) }, tokens.Bob)).errors).toBeUndefined();
    expect(await serverText(api.url, id)).toBe('base');
    expect(pendingOnServer(api, id)).toEqual({ structs: null, deletions: null });

    // Restart: the held update was acknowledged, so it must survive.
    await api.close().catch(() => {});
    api = await startApi({ dataDir, env: { QUARANTINE_MAX_BYTES: String(64 * 1024) } });
    expect(await serverText(api.url, id)).toBe('base');
    expect((await gql(api.url, PUSH_UPDATE, { id, update: toBase64(late) }, tokens.Alice)).errors).toBeUndefined();
    await expect.poll(() => serverText(api.url, id), { timeout: 10_000 }).toBe('base\nalice, late\nbob, on top');
    expect(pendingOnServer(api, id)).toEqual({ structs: null, deletions: null });
    await expect.poll(async () => valueOf(await scrape(api.url), 'tandem_held_updates_total', { outcome: 'released' }), { timeout: 10_000 }).toBe(1);
  });

  it('answers RATE_LIMITED once a document holds too many bytes of such updates', async () => {
    const { id, tokens } = await room();
    const alice = new Y.Doc();
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(alice, 'base')) }, tokens.Alice);
    appendParagraph(alice, 'never sent');
    const held = () => {
      const bob = new Y.Doc();
      Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
      return appendParagraph(bob, 'b'.repeat(24 * 1024));
    };
    const first = held();
    const results = [];
    // The same update twice (a resend) is held once; two of 24 KiB fit in 64 KiB, a third does not.
    for (const update of [first, first, held(), held()]) {
      results.push(await gql(api.url, PUSH_UPDATE, { id, update: toBase64(update) }, tokens.Bob));
    }
    expect(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK')).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
    expect((results[3]!.errors![0]!.extensions as { retryAfter?: number }).retryAfter).toBeGreaterThan(0);
    expect(await serverText(api.url, id)).toBe('base');
  });
});

describe('client guard, held updates that grow old', () => {
  let api: TestApi;
  let clock = Date.parse('2026-06-01T00:00:00Z');
  beforeAll(async () => {
    api = await startApi({ now: () => clock, env: { QUARANTINE_MAX_AGE_MS: '60000' } });
  });
  afterAll(() => api?.close());

  it('drops one whose missing changes do not arrive within QUARANTINE_MAX_AGE_MS', async () => {
    const id = await createDocument(api.url);
    const tokens = await editorsOf(api.url, id, 'Alice', 'Bob');
    const alice = new Y.Doc();
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(alice, 'base')) }, tokens.Alice);
    const late = appendParagraph(alice, 'late');
    const bob = new Y.Doc();
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    expect((await gql(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(bob, 'held')) }, tokens.Bob)).errors).toBeUndefined();

    clock += 61_000;
    // Any later hold looks at the age of what is held first.
    const another = new Y.Doc();
    Y.applyUpdate(another, Y.encodeStateAsUpdate(alice));
    // Built after "late", which the server lacks: held too.
    expect((await gql(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(another, 'held later')) }, tokens.Bob)).errors).toBeUndefined();

    await must(api.url, PUSH_UPDATE, { id, update: toBase64(late) }, tokens.Alice);
    // The update held a moment ago goes in; the old held paragraph was dropped.
    await expect.poll(() => serverText(api.url, id), { timeout: 10_000 }).toBe('base\nlate\nheld later');
    // The release is counted once its push has been stored, a moment after the text shows it.
    await expect
      .poll(async () => {
        const samples = await scrape(api.url);
        return ['held', 'released', 'expired'].map((outcome) => valueOf(samples, 'tandem_held_updates_total', { outcome }));
      }, { timeout: 10_000 })
      .toEqual([2, 1, 1]);
  });
});

