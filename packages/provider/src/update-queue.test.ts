import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { UpdateQueue, type FailureAction, type UpdateQueueOptions } from './update-queue.js';

class Rejected extends Error {
  constructor(readonly action: FailureAction) {
    super(action);
  }
}

interface Call {
  readonly update: Uint8Array;
  resolve(): void;
  reject(action: FailureAction): void;
}

/** A queue whose requests stay open until the test answers them. */
function setup(options: Partial<UpdateQueueOptions> & { paused?: boolean } = {}) {
  const calls: Call[] = [];
  const queue = new UpdateQueue({
    send: (update) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ update, resolve, reject: (action) => reject(new Rejected(action)) });
      }),
    classify: (error) => (error instanceof Rejected ? error.action : 'retry'),
    backoff: { initial: 1000, jitter: 0 },
    ...options,
  });
  const events: string[] = [];
  queue.on('pending', (n) => events.push(`pending ${n}`));
  queue.on('dropped', () => events.push('dropped'));
  queue.on('halted', () => events.push('halted'));
  queue.on('retrying', (_error, delay) => events.push(`retrying in ${delay}`));
  return { queue, calls, events };
}

/** Real Yjs updates: one per inserted word, as an editor would produce. */
function edits(words: string[]): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const word of words) doc.getText('t').insert(doc.getText('t').length, word);
  return { updates, doc };
}

function textOf(...updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('UpdateQueue batching', () => {
  it('merges the updates of one batch window into one request', async () => {
    const { queue, calls } = setup({ batchDelay: 20 });
    const { updates } = edits(['a', 'b', 'c']);
    for (const update of updates) queue.add(update);
    expect(queue.pending).toBe(3);
    await vi.advanceTimersByTimeAsync(19);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    expect(textOf(calls[0]!.update)).toBe('abc');
  });

  it('keeps one request in flight and merges what piles up meanwhile', async () => {
    const { queue, calls } = setup({ batchDelay: 20 });
    const { updates } = edits(['a', 'b', 'c', 'd']);
    queue.add(updates[0]!);
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toHaveLength(1);
    queue.add(updates[1]!);
    queue.add(updates[2]!);
    queue.add(updates[3]!);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    expect(queue.pending).toBe(4);

    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    // Sent as soon as the first is acknowledged: they have waited a round trip already.
    expect(calls).toHaveLength(2);
    expect(textOf(calls[0]!.update, calls[1]!.update)).toBe('abcd');
    expect(queue.pending).toBe(3);
    calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.pending).toBe(0);
  });

  it('splits a backlog at maxBatchBytes', async () => {
    const { queue, calls } = setup({ maxBatchBytes: 1 });
    const { updates } = edits(['a', 'b', 'c']);
    for (const update of updates) queue.add(update);
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(20);
      expect(calls).toHaveLength(i + 1);
      expect(calls[i]!.update).toEqual(updates[i]);
      calls[i]!.resolve();
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.pending).toBe(0);
  });

  it('reports the pending count as it changes', async () => {
    const { queue, calls, events } = setup();
    const { updates } = edits(['a', 'b']);
    queue.add(updates[0]!);
    queue.add(updates[1]!);
    await vi.advanceTimersByTimeAsync(20);
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['pending 1', 'pending 2', 'pending 0']);
  });
});

describe('UpdateQueue pause and resume', () => {
  it('sends nothing while paused and everything on resume, without waiting for a batch', async () => {
    const { queue, calls } = setup({ paused: true });
    const { updates } = edits(['a', 'b']);
    queue.add(updates[0]!);
    queue.add(updates[1]!);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(0);
    queue.resume();
    expect(calls).toHaveLength(1);
    expect(textOf(calls[0]!.update)).toBe('ab');
  });

  it('lets the request in flight finish when paused', async () => {
    const { queue, calls } = setup();
    const { updates } = edits(['a', 'b']);
    queue.add(updates[0]!);
    await vi.advanceTimersByTimeAsync(20);
    queue.pause();
    queue.add(updates[1]!);
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    expect(queue.pending).toBe(1);
  });
});

describe('UpdateQueue failures', () => {
  it('resends after a transient failure, with backoff, until acknowledged', async () => {
    const { queue, calls, events } = setup();
    const { updates } = edits(['a', 'b']);
    queue.add(updates[0]!);
    await vi.advanceTimersByTimeAsync(20);
    calls[0]!.reject('retry');
    queue.add(updates[1]!);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    // The failed batch and the newer edit travel together, the older one first.
    expect(textOf(calls[1]!.update)).toBe('ab');
    calls[1]!.reject('retry');
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(3);
    calls[2]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.pending).toBe(0);
    expect(events).toContain('retrying in 1000');
    expect(events).toContain('retrying in 2000');
  });

  it('waits as long as the server asked (RATE_LIMITED retryAfter) instead of backing off', async () => {
    const { queue, calls, events } = setup({ retryDelay: () => 5000 });
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    const { updates } = edits(['a']);
    queue.add(updates[0]!);
    await vi.advanceTimersByTimeAsync(20);
    calls[0]!.reject('retry');
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(events).toContain('retrying in 5000');
    random.mockRestore();
  });

  it('resends at once on resume (a reconnect) instead of waiting out the backoff', async () => {
    const { queue, calls } = setup();
    const { updates } = edits(['a']);
    queue.add(updates[0]!);
    await vi.advanceTimersByTimeAsync(20);
    queue.pause();
    calls[0]!.reject('retry');
    await vi.advanceTimersByTimeAsync(0);
    queue.resume();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.update).toEqual(calls[0]!.update);
  });

  it('drops an update the server refuses for good, and reports it', async () => {
    const { queue, calls, events } = setup();
    const dropped: Uint8Array[] = [];
    queue.on('dropped', (update) => dropped.push(update));
    const { updates } = edits(['a', 'b']);
    queue.add(updates[0]!);
    await vi.advanceTimersByTimeAsync(20);
    calls[0]!.reject('drop');
    await vi.advanceTimersByTimeAsync(0);
    expect(dropped).toEqual([updates[0]]);
    expect(queue.pending).toBe(0);
    expect(events).toContain('dropped');

    queue.add(updates[1]!);
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toHaveLength(2);
  });

  it('splits a refused merged request so only the bad update is lost', async () => {
    const { queue, calls } = setup();
    const dropped: Uint8Array[] = [];
    queue.on('dropped', (update) => dropped.push(update));
    const { updates } = edits(['good1', 'BAD', 'good2']);
    for (const update of updates) queue.add(update);
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toHaveLength(1);
    calls[0]!.reject('drop');
    await vi.advanceTimersByTimeAsync(0);

    // Now one at a time, oldest first.
    for (let i = 1; i <= 3; i++) {
      expect(calls).toHaveLength(i + 1);
      const call = calls[i]!;
      expect(call.update).toEqual(updates[i - 1]);
      if (i === 2) call.reject('drop');
      else call.resolve();
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(dropped).toEqual([updates[1]]);
    expect(queue.pending).toBe(0);
  });

  it('halts for good (document gone): nothing more is sent, edits stay pending, flush rejects', async () => {
    const { queue, calls, events } = setup();
    const { updates } = edits(['a', 'b']);
    queue.add(updates[0]!);
    await vi.advanceTimersByTimeAsync(20);
    const flushed = queue.flush();
    calls[0]!.reject('halt');
    await expect(flushed).rejects.toThrow();
    queue.add(updates[1]!);
    queue.resume();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    expect(queue.pending).toBe(2);
    expect(queue.halted).toBe(true);
    expect(events).toContain('halted');
    await expect(queue.flush()).rejects.toThrow();
  });

  it('treats a send that throws synchronously like a failed request', async () => {
    let attempts = 0;
    const queue = new UpdateQueue({
      send: () => {
        attempts++;
        if (attempts === 1) throw new Error('not connected');
        return Promise.resolve();
      },
      classify: () => 'retry',
      backoff: { initial: 100, jitter: 0 },
    });
    queue.add(edits(['a']).updates[0]!);
    await vi.advanceTimersByTimeAsync(20);
    expect(queue.pending).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(attempts).toBe(2);
    expect(queue.pending).toBe(0);
  });
});

describe('UpdateQueue flush and destroy', () => {
  it('flush sends the open batch at once and resolves when all is acknowledged', async () => {
    const { queue, calls } = setup({ batchDelay: 1000 });
    const { updates } = edits(['a']);
    queue.add(updates[0]!);
    let flushed = false;
    void queue.flush().then(() => (flushed = true));
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBe(false);
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBe(true);
    await expect(queue.flush()).resolves.toBeUndefined();
  });

  it('destroy stops timers, rejects flush and ignores late answers', async () => {
    const { queue, calls } = setup();
    const { updates } = edits(['a', 'b']);
    queue.add(updates[0]!);
    await vi.advanceTimersByTimeAsync(20);
    queue.add(updates[1]!);
    const flushed = queue.flush();
    queue.destroy();
    await expect(flushed).rejects.toThrow();
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
