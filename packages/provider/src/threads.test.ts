import { describe, expect, it } from 'vitest';
import { threadChanges, ThreadList, type CommentThread } from './threads.js';

const thread = (id: string, updatedAt: string, createdAt = '2026-01-01T00:00:00.000Z'): CommentThread => ({
  id,
  documentId: 'doc',
  quote: 'text',
  anchorStart: new Uint8Array([1]),
  anchorEnd: new Uint8Array([2]),
  resolved: false,
  createdAt,
  updatedAt,
  comments: [],
});

describe('threadChanges (polling’s threadEvents)', () => {
  it('reports new threads as CREATED, changed ones as UPDATED and missing ones as DELETED', () => {
    const before = new Map([
      ['a', thread('a', '1')],
      ['b', thread('b', '1')],
      ['c', thread('c', '1')],
    ]);
    const events = threadChanges(before, [thread('a', '1'), thread('b', '2'), thread('d', '1')]);
    expect(events.map((event) => [event.kind, event.thread.id])).toEqual([
      ['UPDATED', 'b'],
      ['CREATED', 'd'],
      ['DELETED', 'c'],
    ]);
  });
});

describe('ThreadList', () => {
  it('keeps what events said after the read began over an older read', () => {
    const list = new ThreadList();
    list.beginRead();
    list.apply({ kind: 'UPDATED', thread: thread('a', '3') });
    list.apply({ kind: 'CREATED', thread: thread('new', '1', '2026-02-01T00:00:00.000Z') });
    list.apply({ kind: 'DELETED', thread: thread('gone', '1') });
    // The read was answered before those events.
    list.replace([thread('a', '2'), thread('gone', '1'), thread('old', '1')]);
    expect(list.list().map((t) => [t.id, t.updatedAt])).toEqual([
      ['a', '3'],
      ['old', '1'],
      ['new', '1'],
    ]);
  });

  it('ignores an event older than what it knows, and orders threads oldest first', () => {
    const list = new ThreadList();
    list.replace([thread('b', '5', '2026-01-02T00:00:00.000Z'), thread('a', '1', '2026-01-01T00:00:00.000Z')]);
    list.apply({ kind: 'UPDATED', thread: thread('b', '4', '2026-01-02T00:00:00.000Z') });
    expect(list.list().map((t) => [t.id, t.updatedAt])).toEqual([
      ['a', '1'],
      ['b', '5'],
    ]);
  });
});
