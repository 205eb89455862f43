import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  it('commits writes that arrive together as one batch', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>(async (items) => {
      batches.push(items);
      return items.map((item) => ({ ok: true, value: item * 10 }));
    });
    expect(await Promise.all([1, 2, 3].map((n) => commit.submit(n)))).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('fails only the write the database refused when a batch throws', async () => {
    const commit = new GroupCommit<string, string>(async (items) => {
      if (items.includes('bad')) throw new Error('refused');
      return items.map((item) => ({ ok: true, value: item }));
    });
    const results = await Promise.allSettled(['a', 'bad', 'b'].map((item) => commit.submit(item)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
