// Offsets into Document.text (what createThread takes) from ProseMirror positions. The API's
// text is the body's text blocks joined by "\n", a hard break being "\n" too, images nothing:
// exactly what ProseMirror's textBetween gives with "\n" between blocks.
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

const leafText = (node: ProseMirrorNode) => (node.type.name === 'hardBreak' ? '\n' : '');

/** The offset into Document.text of position `pos`. */
export function textOffset(doc: ProseMirrorNode, pos: number): number {
  return doc.textBetween(0, pos, '\n', leafText).length;
}

export interface TextRange {
  start: number;
  end: number;
  quote: string;
}

/**
 * The selection from `from` to `to` as a range of Document.text, or why it cannot be one:
 * a comment is on some text within one block.
 */
export function selectionRange(doc: ProseMirrorNode, from: number, to: number): TextRange | { problem: string } {
  if (to <= from) return { problem: 'Select the text you want to comment on first.' };
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  if (!$from.parent.isTextblock || $from.parent !== $to.parent) {
    return { problem: 'Select text within one paragraph, heading or list item to comment on it.' };
  }
  const quote = doc.textBetween(from, to, '\n', leafText);
  if (!quote.trim()) return { problem: 'Select some text (not only spaces) to comment on.' };
  return { start: textOffset(doc, from), end: textOffset(doc, to), quote };
}
