// The body of a document between its two shapes: the Y.Doc's XmlFragment (what is stored and
// synced) and the ProseMirror JSON the Markdown and HTML converters read and write.
import { BODY_FIELD, withSafeLinks } from '@tandem/document-schema';
import type { JSONContent } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { schema } from './schema.js';

/**
 * The body of the document whose state is `state` (Y.encodeStateAsUpdate), as ProseMirror
 * JSON. Read from a copy made here: y-tiptap deletes elements the schema cannot hold from the
 * fragment it reads, which must never happen to a live document. Whatever the schema cannot
 * hold (from a client that wrote something else into the fragment) is left out.
 */
export function readBody(state: Uint8Array): JSONContent {
  const doc = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(doc, state);
    const body = doc.getXmlFragment(BODY_FIELD);
    pruneForeignTypes(body, true);
    return withSafeLinks(yXmlFragmentToProseMirrorRootNode(body, schema).toJSON() as JSONContent);
  } finally {
    doc.destroy();
  }
}

/**
 * y-tiptap drops elements the schema refuses, but throws on shapes it never expects: text
 * straight under the body, or a Y.XmlHook anywhere. Removes those (from the copy) first.
 */
function pruneForeignTypes(parent: Y.XmlFragment | Y.XmlElement, topLevel: boolean): void {
  const children = parent.toArray();
  for (let index = children.length - 1; index >= 0; index -= 1) {
    const child = children[index];
    if (child instanceof Y.XmlElement) pruneForeignTypes(child, false);
    else if (!(child instanceof Y.XmlText) || topLevel) parent.delete(index, 1);
  }
}

export class InvalidContentError extends Error {}

/**
 * The Yjs update that gives an empty document this body. Throws InvalidContentError when the
 * JSON does not fit the schema (it is checked before anything is written).
 */
export function bodyUpdate(body: JSONContent): Uint8Array {
  let node: Node;
  try {
    const parsed = Node.fromJSON(schema, withSafeLinks(inlineInParagraphs(body)));
    // The schema wants at least one block: an empty file becomes one empty paragraph.
    const filled = schema.topNodeType.createAndFill(null, parsed.content);
    if (!filled) throw new Error('the content does not fit a document');
    filled.check();
    node = filled;
  } catch (error) {
    throw new InvalidContentError(error instanceof Error ? error.message : String(error));
  }
  const doc = new Y.Doc();
  try {
    prosemirrorToYXmlFragment(node, doc.getXmlFragment(BODY_FIELD));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * The same content with inline nodes that stand where blocks belong wrapped in paragraphs.
 * Tiptap's Markdown reader lifts an image that is alone in its paragraph out of it (right for
 * block images); ours are inline, as in Markdown, so they go back into a paragraph.
 */
function inlineInParagraphs(node: JSONContent): JSONContent {
  if (!node.content) return node;
  const content = node.content.map(inlineInParagraphs);
  const type = node.type ? schema.nodes[node.type] : undefined;
  if (!type || type.inlineContent) return { ...node, content };
  const blocks: JSONContent[] = [];
  let run: JSONContent[] = [];
  const flush = () => {
    if (run.length) blocks.push({ type: 'paragraph', content: run });
    run = [];
  };
  for (const child of content) {
    if (child.type && schema.nodes[child.type]?.isInline) run.push(child);
    else {
      flush();
      blocks.push(child);
    }
  }
  flush();
  return { ...node, content: blocks };
}