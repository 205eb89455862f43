// Editing and reading test documents the way the editor shapes them: paragraphs in the
// `default` XmlFragment.
import * as Y from 'yjs';

/** Appends a paragraph to `doc` and returns the Yjs update of just that edit. */
export function appendParagraph(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').push([paragraph]);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The body's paragraphs joined by "\n", read here rather than by the API's own text code. */
export function paragraphs(doc: Y.Doc): string {
  return doc
    .getXmlFragment('default')
    .toArray()
    .map((block) => (block as Y.XmlElement).toArray().map(String).join(''))
    .join('\n');
}
