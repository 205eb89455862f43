// The document's headings in order, for the table of contents. Read from the document on
// each change rather than kept as ids inside the headings: Tiptap's TableOfContents extension
// writes an id into every heading, which in a shared Y.Doc means that every person who opens
// a document changes it (and two who open it at once write different ids).
import type { Node } from '@tiptap/pm/model';

export interface OutlineItem {
  readonly level: number;
  readonly text: string;
  /** Position of the heading in the document (where the caret goes when it is picked). */
  readonly pos: number;
}

export function documentOutline(doc: Node): OutlineItem[] {
  const items: OutlineItem[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'heading') {
      const text = node.textContent.trim();
      if (text) items.push({ level: node.attrs.level as number, text, pos });
      return false;
    }
    // Headings live at the top level (and in quotes, lists and cells): look inside blocks only.
    return node.isBlock && !node.isTextblock;
  });
  return items;
}

export function sameOutline(a: readonly OutlineItem[], b: readonly OutlineItem[] | null): boolean {
  if (!b) return false;
  return a.length === b.length && a.every((item, index) => item.level === b[index]!.level && item.text === b[index]!.text && item.pos === b[index]!.pos);
}
