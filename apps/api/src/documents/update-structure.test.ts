import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clientsWithNewStructs, clockOf, decodeUpdate, deletionsAhead, dependenciesArrived, missingDependencies, withoutDeletions } from './update-structure.js';

/** Two updates of one client, the second building on the first. */
function twoEdits(clientID = 1) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const text = doc.getText('t');
  text.insert(0, 'ab');
  const first = Y.encodeStateAsUpdate(doc);
  const sv = Y.encodeStateVector(doc);
  text.insert(2, 'cd');
  const second = Y.encodeStateAsUpdate(doc, sv);
  return { doc, first, second };
}

/** Client 2, holding everything `doc` has, about to edit it. */
function follower(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc();
  other.clientID = 2;
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  return other;
}

describe('clientsWithNewStructs', () => {
  it('names the clients whose structs the document lacks, not those it has', () => {
    const { first, second } = twoEdits(1);
    const server = new Y.Doc();
    Y.applyUpdate(server, first);
    expect([...clientsWithNewStructs(decodeUpdate(first), clockOf(server))]).toEqual([]);
    expect([...clientsWithNewStructs(decodeUpdate(Y.mergeUpdates([first, second])), clockOf(server))]).toEqual([1]);
  });

  it('ignores deletions: they are not structs', () => {
    const { doc, first } = twoEdits(1);
    const server = new Y.Doc();
    Y.applyUpdate(server, first);
    const other = follower(doc);
    const before = Y.encodeStateVector(other);
    other.getText('t').delete(0, 1);
    expect([...clientsWithNewStructs(decodeUpdate(Y.encodeStateAsUpdate(other, before)), clockOf(server))]).toEqual([]);
  });
});

describe('missingDependencies', () => {
  it('is null for an update that applies completely, on its own or after what it builds on', () => {
    const { first, second } = twoEdits();
    const empty = new Y.Doc();
    expect(missingDependencies(decodeUpdate(first), clockOf(empty))).toBeNull();
    expect(missingDependencies(decodeUpdate(Y.mergeUpdates([first, second])), clockOf(empty))).toBeNull();
  });

  it("names a gap in the client's own clock", () => {
    const { first, second } = twoEdits(1);
    const empty = new Y.Doc();
    const missing = missingDependencies(decodeUpdate(second), clockOf(empty));
    expect(missing).toEqual(new Map([[1, 1]]));
    const server = new Y.Doc();
    Y.applyUpdate(server, first);
    expect(dependenciesArrived(missing!, clockOf(server))).toBe(true);
  });

  it("names another client's item it is inserted next to", () => {
    const { doc, first } = twoEdits(1);
    const other = follower(doc);
    const before = Y.encodeStateVector(other);
    other.getText('t').insert(1, 'x');
    const update = Y.encodeStateAsUpdate(other, before);
    expect(missingDependencies(decodeUpdate(update), clockOf(new Y.Doc()))).toEqual(new Map([[1, 1]]));
    const server = new Y.Doc();
    Y.applyUpdate(server, first);
    expect(missingDependencies(decodeUpdate(update), clockOf(server))).toBeNull();
  });

  it('names clocks a deletion refers to that do not exist yet', () => {
    const { doc } = twoEdits(1);
    const sv = Y.encodeStateVector(doc);
    doc.getText('t').delete(0, 4);
    const deletion = Y.encodeStateAsUpdate(doc, sv);
    expect(missingDependencies(decodeUpdate(deletion), clockOf(new Y.Doc()))).toEqual(new Map([[1, 3]]));
  });

  it('agrees with Yjs: what it passes leaves nothing pending, what it flags does', () => {
    const { first, second } = twoEdits(1);
    for (const [update, flagged] of [
      [first, false],
      [second, true],
    ] as const) {
      const doc = new Y.Doc();
      expect(missingDependencies(decodeUpdate(update), clockOf(doc)) !== null).toBe(flagged);
      Y.applyUpdate(doc, update);
      expect(doc.store.pendingStructs !== null).toBe(flagged);
    }
  });
});

describe('deletionsAhead and withoutDeletions', () => {
  /** Client 1 types "abcd"; client 2 (which has it all) inserts "x" and deletes "bcd" in one update. */
  function deletionAcrossClients() {
    const { doc, first } = twoEdits(1);
    const other = follower(doc);
    const before = Y.encodeStateVector(other);
    other.getText('t').insert(0, 'x');
    other.getText('t').delete(2, 3);
    return { first, full: Y.encodeStateAsUpdate(doc), update: Y.encodeStateAsUpdate(other, before) };
  }

  it('names the part of a deletion beyond what the document holds, for the clients asked about', () => {
    const { first, update } = deletionAcrossClients();
    const server = new Y.Doc();
    Y.applyUpdate(server, first); // "ab" only: clocks 0-1 of client 1
    const decoded = decodeUpdate(update);
    expect(deletionsAhead(decoded, clockOf(server), () => true)).toEqual(new Map([[1, [{ clock: 2, len: 2 }]]]));
    expect(deletionsAhead(decoded, clockOf(server), (client) => client !== 1).size).toBe(0);
  });

  it('cuts those clocks out of the delete set and leaves the structs and the rest as they were', () => {
    const { first, full, update } = deletionAcrossClients();
    const server = new Y.Doc();
    Y.applyUpdate(server, first);
    const decoded = decodeUpdate(update);
    const trimmed = withoutDeletions(update, decoded, deletionsAhead(decoded, clockOf(server), () => true));
    expect(missingDependencies(decodeUpdate(trimmed), clockOf(server))).toBeNull();
    Y.applyUpdate(server, trimmed);
    expect(server.store.pendingDs).toBeNull();
    expect(server.getText('t').toString()).toBe('xa');
    // "cd" typed afterwards stays: its deletion was dropped; "b" was deleted as asked.
    Y.applyUpdate(server, full);
    expect(server.getText('t').toString()).toBe('xacd');
  });

  it('gives back the same bytes when nothing is cut, and refuses a delete set not encoded as Yjs does', () => {
    const { update } = deletionAcrossClients();
    const decoded = decodeUpdate(update);
    expect(Buffer.from(withoutDeletions(update, decoded, new Map())).equals(Buffer.from(update))).toBe(true);
    const trailing = Uint8Array.from([...update, 0]);
    expect(() => withoutDeletions(trailing, decodeUpdate(trailing), new Map())).toThrow(/not encoded as Yjs encodes them/);
  });
});
