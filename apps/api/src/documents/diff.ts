// What changed between two states of a body, at text level per block, in a shape a client can
// render without Yjs: blocks are aligned first (jsdiff's diffArrays over type + text), then
// each changed block is compared character by character (diffChars). A removed block followed
// by an added one at the same place is one MODIFIED block, so an edited paragraph reads as an
// edit rather than as a deletion and an insertion.
import { diffArrays, diffChars } from 'diff';
import type { TextBlock } from './text.js';

export type BlockChangeKind = 'UNCHANGED' | 'INSERTED' | 'DELETED' | 'MODIFIED';
export type SegmentKind = 'EQUAL' | 'INSERT' | 'DELETE';

export interface TextSegment {
  kind: SegmentKind;
  text: string;
  /** Where the segment starts in the old block's text (for INSERT: where it was inserted). */
  oldOffset: number;
  /** Where the segment starts in the new block's text (for DELETE: where it was removed). */
  newOffset: number;
}

export interface BlockDiff {
  change: BlockChangeKind;
  type: string;
  oldIndex: number | null;
  newIndex: number | null;
  oldText: string | null;
  newText: string | null;
  segments: TextSegment[];
}

export interface BodyDiff {
  blocks: BlockDiff[];
  /** How many text blocks each side has (with changesOnly, what the omitted blocks add up to). */
  oldBlockCount: number;
  newBlockCount: number;
  insertedCharacters: number;
  deletedCharacters: number;
}

/** Character diffs of very long blocks give up after this long and count as a replacement. */
const CHAR_DIFF_TIMEOUT_MS = 500;

function segmentsOf(oldText: string, newText: string): TextSegment[] {
  const parts = diffChars(oldText, newText, { timeout: CHAR_DIFF_TIMEOUT_MS }) ?? [
    { value: oldText, removed: true, added: false, count: oldText.length },
    { value: newText, added: true, removed: false, count: newText.length },
  ];
  const segments: TextSegment[] = [];
  let oldOffset = 0;
  let newOffset = 0;
  for (const part of parts) {
    if (!part.value) continue;
    const kind: SegmentKind = part.added ? 'INSERT' : part.removed ? 'DELETE' : 'EQUAL';
    segments.push({ kind, text: part.value, oldOffset, newOffset });
    if (kind !== 'INSERT') oldOffset += part.value.length;
    if (kind !== 'DELETE') newOffset += part.value.length;
  }
  return segments;
}

export function diffBlocks(before: TextBlock[], after: TextBlock[]): BodyDiff {
  const blocks: BlockDiff[] = [];
  let inserted = 0;
  let deleted = 0;
  let oldIndex = 0;
  let newIndex = 0;
  let removedRun: TextBlock[] = [];

  const flushRemoved = () => {
    for (const block of removedRun) {
      blocks.push({
        change: 'DELETED', type: block.type, oldIndex, newIndex: null, oldText: block.text, newText: null,
        segments: block.text ? [{ kind: 'DELETE', text: block.text, oldOffset: 0, newOffset: 0 }] : [],
      });
      deleted += block.text.length;
      oldIndex++;
    }
    removedRun = [];
  };

  const chunks = diffArrays(before, after, { comparator: (a, b) => a.type === b.type && a.text === b.text });
  for (const chunk of chunks) {
    if (chunk.removed) {
      removedRun.push(...chunk.value);
      continue;
    }
    if (chunk.added) {
      for (const block of chunk.value) {
        const replaced = removedRun.shift();
        if (replaced) {
          const segments = segmentsOf(replaced.text, block.text);
          for (const s of segments) {
            if (s.kind === 'INSERT') inserted += s.text.length;
            if (s.kind === 'DELETE') deleted += s.text.length;
          }
          blocks.push({ change: 'MODIFIED', type: block.type, oldIndex: oldIndex++, newIndex: newIndex++, oldText: replaced.text, newText: block.text, segments });
        } else {
          blocks.push({
            change: 'INSERTED', type: block.type, oldIndex: null, newIndex: newIndex++, oldText: null, newText: block.text,
            segments: block.text ? [{ kind: 'INSERT', text: block.text, oldOffset: 0, newOffset: 0 }] : [],
          });
          inserted += block.text.length;
        }
      }
      flushRemoved();
      continue;
    }
    flushRemoved();
    for (const block of chunk.value) {
      blocks.push({
        change: 'UNCHANGED', type: block.type, oldIndex: oldIndex++, newIndex: newIndex++, oldText: block.text, newText: block.text,
        segments: block.text ? [{ kind: 'EQUAL', text: block.text, oldOffset: 0, newOffset: 0 }] : [],
      });
    }
  }
  flushRemoved();
  return { blocks, oldBlockCount: before.length, newBlockCount: after.length, insertedCharacters: inserted, deletedCharacters: deleted };
}
