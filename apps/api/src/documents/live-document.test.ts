// The live document's validation: an update that changes nothing stored is told apart from
// one that does, judged against what is committed (issue 8, point 5).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LiveDocument } from './live-document.js';

function withList(): { writer: Y.Doc; state: Uint8Array } {
  const writer = new Y.Doc();
  const list = writer.getArray<string>('list');
  list.push(['a', 'b', 'c']);
  list.delete(1, 1);
  return { writer, state: Y.encodeStateAsUpdate(writer) };
}

describe('LiveDocument.validate', () => {
  it('calls an update that only repeats what the document has a no-op', () => {
    const { writer, state } = withList();
    const live = LiveDocument.load('d', Date.now, { state, seq: 1 }, []);
    // The whole state again, and its deletions alone (what an editor re-sends on open).
    const whole = Y.encodeStateAsUpdate(writer);
    expect(live.validate(whole)).toBe(false);
    live.abandon(whole, false);
    const deletionsOnly = Y.encodeStateAsUpdate(writer, Y.encodeStateVector(writer));
    expect(Y.decodeUpdate(deletionsOnly).ds.clients.size).toBeGreaterThan(0);
    expect(live.validate(deletionsOnly)).toBe(false);
    live.destroy();
  });

  it('calls an update that inserts or deletes something a change', () => {
    const { writer, state } = withList();
    const live = LiveDocument.load('d', Date.now, { state, seq: 1 }, []);
    const before = Y.encodeStateVector(writer);
    writer.getArray<string>('list').delete(0, 1);
    expect(live.validate(Y.encodeStateAsUpdate(writer, before))).toBe(true);
    live.destroy();
  });

  it('stores a repeat while an applied update is not committed yet: it may be the one that fails', async () => {
    const { writer, state } = withList();
    const live = LiveDocument.load('d', Date.now, { state, seq: 1 }, []);
    const before = Y.encodeStateVector(writer);
    writer.getArray<string>('list').push(['d']);
    const update = Y.encodeStateAsUpdate(writer, before);
    expect(live.validate(update)).toBe(true);
    live.applyLocal(update, null);
    let fail: (error: Error) => void = () => {};
    const commit = new Promise<number>((_, reject) => (fail = reject));
    live.trackCommit(commit);
    expect(live.validate(update)).toBe(true);
    live.abandon(update, false);
    fail(new Error('database stopped'));
    await live.settled();
    live.destroy();
  });
});

describe('LiveDocument.markVersioned', () => {
  function withUpdates(count: number): LiveDocument {
    const writer = new Y.Doc();
    const updates: { seq: number; data: Uint8Array }[] = [];
    writer.on('update', (data: Uint8Array) => updates.push({ seq: updates.length + 1, data }));
    for (let n = 0; n < count; n++) writer.getArray<number>('list').push([n]);
    return LiveDocument.load('d', Date.now, null, updates);
  }

  it('leaves unversioned the updates stored after the version, and only those', () => {
    const live = withUpdates(10);
    expect(live.unversionedCount).toBe(10);
    live.markVersioned(7); // stored while seqs 8 to 10 arrived
    expect(live.unversionedCount).toBe(3);
    expect(live.unversionedSince).not.toBeNull();
    live.markVersioned(4); // an older version heard of late changes nothing
    expect(live.unversionedCount).toBe(3);
    live.markVersioned(10);
    expect(live.unversionedCount).toBe(0);
    expect(live.unversionedSince).toBeNull();
    live.destroy();
  });
});
