// Where a comment thread sits in the body: two Yjs relative positions, one before the first
// character of the range and one after the last. A relative position names a character (its
// Yjs item id), not an offset, so it follows that character through everyone's concurrent
// edits; when the characters are deleted, both sides collapse to the same place and the range
// is empty ("the text was removed"). We keep them beside the document, in the database, rather
// than as a mark in the Y.Doc: a mark is a change to the body, which a COMMENTER may not make,
// and restoring a version would remove the marks of text it restores.
//
// Offsets are those of Document.text (documents/text.ts): the body's text blocks joined by
// "\n", a hard break inside a block is one character. A range lies within one block.
import * as Y from 'yjs';
import { badInput } from '../documents/errors.js';
import { BODY_FRAGMENT, TEXT_BLOCKS } from '../documents/text.js';

export interface EncodedAnchor {
  start: Uint8Array;
  end: Uint8Array;
}

/** One piece of a block's text: a run of Y.XmlText, or a hard break (one "\n"). */
type Piece = { text: Y.XmlText; length: number } | { text: null; length: 1 };

interface Block {
  /** The paragraph, heading, ... (or a Y.XmlText directly in the body). */
  node: Y.XmlElement | Y.XmlText;
  pieces: Piece[];
  length: number;
}

function piecesOf(children: unknown[]): Piece[] {
  const pieces: Piece[] = [];
  for (const child of children) {
    if (child instanceof Y.XmlText) pieces.push({ text: child, length: plainLength(child) });
    else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') pieces.push({ text: null, length: 1 });
  }
  return pieces;
}

/** Characters of the text as Document.text counts them (embeds are not text). */
function plainLength(text: Y.XmlText): number {
  let length = 0;
  for (const op of text.toDelta() as { insert?: unknown }[]) if (typeof op.insert === 'string') length += op.insert.length;
  return length;
}

/** The same walk as documents/text.ts's collectBlocks, keeping the Yjs types. */
function collectBlocks(parent: Y.XmlFragment | Y.XmlElement, blocks: Block[]): void {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      const pieces = piecesOf([child]);
      blocks.push({ node: child, pieces, length: pieces[0]!.length });
    } else if (child instanceof Y.XmlElement) {
      const holdsText = TEXT_BLOCKS.has(child.nodeName) || child.toArray().some((c) => c instanceof Y.XmlText);
      if (holdsText) {
        const pieces = piecesOf(child.toArray());
        blocks.push({ node: child, pieces, length: pieces.reduce((sum, piece) => sum + piece.length, 0) });
      } else {
        collectBlocks(child, blocks);
      }
    }
  }
}

/** The text piece holding the character at `offset` of the block (start side), or just before it (end side). */
function locate(block: Block, offset: number, side: 'start' | 'end'): { text: Y.XmlText; index: number } | null {
  let at = 0;
  for (const piece of block.pieces) {
    const inside = side === 'start' ? offset >= at && offset < at + piece.length : offset > at && offset <= at + piece.length;
    if (inside && piece.text) return { text: piece.text, index: offset - at };
    at += piece.length;
  }
  return null;
}

/**
 * The anchor of the characters from `start` to `end` (offsets into Document.text, end
 * exclusive). BAD_USER_INPUT unless they are in range, non-empty and within one block.
 */
export function anchorRange(doc: Y.Doc, start: number, end: number): EncodedAnchor {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
    throw badInput('start and end must be offsets into the document’s text with start < end');
  }
  const blocks: Block[] = [];
  collectBlocks(doc.getXmlFragment(BODY_FRAGMENT), blocks);
  let blockStart = 0;
  for (const block of blocks) {
    const blockEnd = blockStart + block.length;
    if (start >= blockStart && start < blockEnd) {
      if (end > blockEnd) throw badInput('a comment’s range must lie within one paragraph, heading or other block');
      const from = locate(block, start - blockStart, 'start');
      const to = locate(block, end - blockStart, 'end');
      if (!from || !to) throw badInput('the range holds no text to comment on');
      return {
        // Before the first character (it sticks to that character)...
        start: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(from.text, from.index, 0)),
        // ...and after the last one (it sticks to that one, not to what is typed after it).
        end: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(to.text, to.index, -1)),
      };
    }
    blockStart = blockEnd + 1;
  }
  throw badInput(`start ${start} is not within the document’s text`);
}

/** Whether `type` is still part of the body (neither it nor any of its ancestors deleted). */
function attached(type: Y.XmlText, body: Y.XmlFragment): boolean {
  let current: { _item: Y.Item | null } = type;
  while (current !== body) {
    const item = current._item;
    if (!item || item.deleted) return false;
    current = item.parent as { _item: Y.Item | null };
  }
  return true;
}

/** The block (paragraph, heading, ...) a piece of text belongs to, and the text's offset in it. */
function offsetInBlock(text: Y.XmlText, index: number, body: Y.XmlFragment): { block: unknown; offset: number } {
  const parent = text.parent;
  if (!(parent instanceof Y.XmlElement) || parent === (body as unknown)) return { block: text, offset: index };
  let offset = 0;
  for (const piece of piecesOf(parent.toArray())) {
    if (piece.text === text) return { block: parent, offset: offset + index };
    offset += piece.length;
  }
  return { block: parent, offset };
}

function resolve(doc: Y.Doc, encoded: Uint8Array, body: Y.XmlFragment): { block: unknown; offset: number; text: string } | null {
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(encoded), doc);
  } catch {
    return null;
  }
  if (!absolute || !(absolute.type instanceof Y.XmlText) || !attached(absolute.type, body)) return null;
  const { block, offset } = offsetInBlock(absolute.type, absolute.index, body);
  const blockText =
    block instanceof Y.XmlElement
      ? piecesOf(block.toArray())
          .map((piece) => (piece.text ? textOf(piece.text) : '\n'))
          .join('')
      : textOf(absolute.type);
  return { block, offset, text: blockText };
}

function textOf(text: Y.XmlText): string {
  return (text.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** Where the anchored text is now: offsets into Document.text and the text itself. */
export interface AnchoredText {
  start: number;
  end: number;
  quote: string;
}

/** The anchored text as it is now, or null when it was deleted (the range collapsed). */
export function resolveAnchor(doc: Y.Doc, anchor: EncodedAnchor): AnchoredText | null {
  const body = doc.getXmlFragment(BODY_FRAGMENT);
  const start = resolve(doc, anchor.start, body);
  const end = resolve(doc, anchor.end, body);
  if (!start || !end || start.block !== end.block || end.offset <= start.offset) return null;
  const blocks: Block[] = [];
  collectBlocks(body, blocks);
  let blockStart = 0;
  for (const block of blocks) {
    if (block.node === start.block) {
      return { start: blockStart + start.offset, end: blockStart + end.offset, quote: start.text.slice(start.offset, end.offset) };
    }
    blockStart += block.length + 1;
  }
  return null;
}
