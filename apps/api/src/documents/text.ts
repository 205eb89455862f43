// Plain text of the editor body as the contract defines Document.text: the body lives in
// doc.getXmlFragment('default') (Tiptap's default); each block that holds text yields one
// line, in document order, joined by "\n"; a hard break inside a block is "\n".
import * as Y from 'yjs';

export const BODY_FRAGMENT = 'default';

/** Blocks that hold inline text even when empty (ProseMirror textblocks of StarterKit). */
export const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);
const HARD_BREAK = 'hardBreak';

type XmlChild = Y.XmlElement | Y.XmlText | Y.XmlHook;

function inlineText(children: XmlChild[]): string {
  let text = '';
  for (const child of children) {
    if (child instanceof Y.XmlText) {
      text += child.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '')).join('');
    } else if (child instanceof Y.XmlElement && child.nodeName === HARD_BREAK) {
      text += '\n';
    }
  }
  return text;
}

/** A block that holds text: its node name (paragraph, heading, ...) and its plain text. */
export interface TextBlock {
  type: string;
  text: string;
}

function collectBlocks(parent: Y.XmlFragment | Y.XmlElement, blocks: TextBlock[]): void {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      // Text directly under the fragment is not Tiptap's shape, but it is still the body's text.
      blocks.push({ type: 'text', text: inlineText([child]) });
    } else if (child instanceof Y.XmlElement) {
      const holdsText = TEXT_BLOCKS.has(child.nodeName) || child.toArray().some((c) => c instanceof Y.XmlText);
      if (holdsText) blocks.push({ type: child.nodeName, text: inlineText(child.toArray()) });
      else collectBlocks(child, blocks);
    }
  }
}

/** The body's text blocks in document order (list items and quotes contribute their paragraphs). */
export function bodyBlocks(doc: Y.Doc): TextBlock[] {
  const blocks: TextBlock[] = [];
  collectBlocks(doc.getXmlFragment(BODY_FRAGMENT), blocks);
  return blocks;
}

export function bodyText(doc: Y.Doc): string {
  return bodyBlocks(doc)
    .map((block) => block.text)
    .join('\n');
}

/** Reads a document state given as one Yjs update (a stored version). */
export function readState<T>(state: Uint8Array, read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(doc, state);
    return read(doc);
  } finally {
    doc.destroy();
  }
}

/** Text of a document state given as one Yjs update (a stored version). */
export function stateText(state: Uint8Array): string {
  return readState(state, bodyText);
}
