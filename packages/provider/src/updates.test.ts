import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusedRanges, holdsNewTo, isEmptyUpdate, splitByClient } from './updates.js';

describe('isEmptyUpdate', () => {
  it('is true for the diff of two equal documents', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'abc');
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)))).toBe(true);
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
  });

  it('is false when the update carries structs', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'abc');
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc))).toBe(false);
  });

  it('is false when the update carries only deletions', () => {
    // Deletions do not move the state vector, so a diff against it still holds them.
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'abc');
    const sv = Y.encodeStateVector(doc);
    doc.getText('t').delete(0, 1);
    expect(Y.encodeStateVector(doc)).toEqual(sv);
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc, sv))).toBe(false);
  });
});

describe('holdsNewTo (what a SYNC leaves us to push)', () => {
  /** A server and a client that synced: the client holds exactly what the server holds. */
  function synced() {
    const server = new Y.Doc();
    const text = server.getText('t');
    text.insert(0, 'a list');
    text.delete(0, 2);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    return { server, client };
  }
  const sync = (server: Y.Doc, client: Y.Doc) => ({
    diff: Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)),
    serverSync: Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)),
  });

  it('is false when the diff only repeats deletions the server has', () => {
    const { server, client } = synced();
    const { diff, serverSync } = sync(server, client);
    expect(isEmptyUpdate(diff)).toBe(false);
    expect(holdsNewTo(diff, serverSync)).toBe(false);
  });

  it('is true for a deletion the server lacks', () => {
    const { server, client } = synced();
    client.getText('t').delete(0, 1);
    const { diff, serverSync } = sync(server, client);
    expect(holdsNewTo(diff, serverSync)).toBe(true);
  });

  it('is true for content the server lacks', () => {
    const { server, client } = synced();
    client.getText('t').insert(0, 'x');
    const { diff, serverSync } = sync(server, client);
    expect(holdsNewTo(diff, serverSync)).toBe(true);
  });
});

describe('RefusedRanges', () => {
  function client(id: number): Y.Doc {
    const doc = new Y.Doc();
    doc.clientID = id;
    return doc;
  }

  it('leaves state vectors alone when nothing was refused', () => {
    const sv = Y.encodeStateVector(new Map([[1, 5]]));
    expect(new RefusedRanges().skip(sv)).toBe(sv);
  });

  it('moves a client that stands at a refused range past it, so the next diff leaves it out', () => {
    const doc = client(7);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getText('t').insert(0, 'ok ');
    const server = client(99);
    Y.applyUpdate(server, updates[0]!);
    doc.getText('t').insert(3, 'x'.repeat(1000)); // refused
    doc.getText('t').insert(1003, ' later');

    const refused = new RefusedRanges();
    refused.add(updates[1]!);
    const serverSv = Y.encodeStateVector(server);
    expect(Y.decodeStateVector(refused.skip(serverSv)).get(7)).toBe(1003);

    const diff = Y.encodeStateAsUpdate(doc, refused.skip(serverSv));
    expect(diff.length).toBeLessThan(200);
    expect(Y.parseUpdateMeta(diff).from.get(7)).toBe(1003);
  });

  it('skips consecutive refused ranges and ignores ranges the server is not stuck at', () => {
    const refused = new RefusedRanges();
    const doc = client(3);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getText('t').insert(0, 'aaaa'); // clocks 0..4
    doc.getText('t').insert(4, 'bbbb'); // 4..8
    doc.getText('t').insert(8, 'cccc'); // 8..12
    refused.add(updates[1]!);
    refused.add(updates[2]!);
    const at = (clock: number) =>
      Y.decodeStateVector(refused.skip(Y.encodeStateVector(new Map([[3, clock]])))).get(3);
    expect(at(4)).toBe(12);
    expect(at(6)).toBe(12);
    expect(at(0)).toBe(0); // the server lacks more than the refused part: push it all
    expect(at(12)).toBe(12);
  });
});

describe('splitByClient', () => {
  it('makes one update per clientID, each with its structs only and every deletion', () => {
    const alice = new Y.Doc();
    alice.getText('t').insert(0, 'alice ');
    const server = Y.encodeStateVector(alice);
    const atServer = Y.encodeStateAsUpdate(alice);
    const bob = new Y.Doc();
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    alice.getText('t').insert(6, 'more ');
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    bob.getText('t').insert(0, 'bob ');
    bob.getText('t').delete(4, 1);
    const diff = Y.encodeStateAsUpdate(bob, server);

    const parts = splitByClient(bob, diff, server);
    expect(parts.map(([client]) => client).sort()).toEqual([alice.clientID, bob.clientID].sort());
    for (const [client, part] of parts) {
      expect([...Y.parseUpdateMeta(part).from.keys()]).toEqual([client]);
      expect(Y.decodeUpdate(part).ds.clients.size).toBe(1);
    }
    // Together they are the diff: the server's copy plus every part is Bob's document.
    const serverCopy = new Y.Doc();
    Y.applyUpdate(serverCopy, atServer);
    for (const [, part] of parts) Y.applyUpdate(serverCopy, part);
    expect(serverCopy.getText('t').toString()).toBe(bob.getText('t').toString());
  });

  it('leaves a diff of one client, or of deletions only, whole', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'abc');
    const diff = Y.encodeStateAsUpdate(doc);
    expect(splitByClient(doc, diff, new Uint8Array([0]))).toEqual([[doc.clientID, diff]]);
    const sv = Y.encodeStateVector(doc);
    doc.getText('t').delete(0, 1);
    const deletions = Y.encodeStateAsUpdate(doc, sv);
    expect(splitByClient(doc, deletions, sv)).toEqual([[null, deletions]]);
  });
});
