import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clientsWithNewStructs, clockOf, decodeUpdate, dependenciesArrived, missingDependencies } from './update-structure.js';

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
    const other = new Y.Doc();
    other.clientID = 2;
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
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
    const other = new Y.Doc();
    other.clientID = 2;
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
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
