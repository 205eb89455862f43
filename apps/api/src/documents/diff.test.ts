import { describe, expect, it } from 'vitest';
import { diffBlocks } from './diff.js';

const p = (text: string) => ({ type: 'paragraph', text });

describe('diffBlocks', () => {
  it('marks an edited paragraph as MODIFIED with character segments and offsets', () => {
    const diff = diffBlocks([p('keep'), p('the cat sat')], [p('keep'), p('the dog sat')]);
    expect(diff.blocks.map((b) => b.change)).toEqual(['UNCHANGED', 'MODIFIED']);
    const edited = diff.blocks[1]!;
    expect(edited.segments.filter((s) => s.kind !== 'EQUAL')).toEqual([
      { kind: 'DELETE', text: 'cat', oldOffset: 4, newOffset: 4 },
      { kind: 'INSERT', text: 'dog', oldOffset: 7, newOffset: 4 },
    ]);
    expect(diff.insertedCharacters).toBe(3);
    expect(diff.deletedCharacters).toBe(3);
  });

  it('reports inserted and deleted blocks with their indexes', () => {
    const diff = diffBlocks([p('a'), p('b'), p('c')], [p('a'), p('c'), p('d')]);
    expect(diff.blocks.map((b) => [b.change, b.oldIndex, b.newIndex])).toEqual([
      ['UNCHANGED', 0, 0],
      ['DELETED', 1, null],
      ['UNCHANGED', 2, 1],
      ['INSERTED', null, 2],
    ]);
  });

  it('treats a changed block type as a modification of that block', () => {
    const diff = diffBlocks([p('Title')], [{ type: 'heading', text: 'Title' }]);
    expect(diff.blocks[0]).toMatchObject({ change: 'MODIFIED', type: 'heading', oldText: 'Title', newText: 'Title' });
    expect(diff.insertedCharacters + diff.deletedCharacters).toBe(0);
  });
});
