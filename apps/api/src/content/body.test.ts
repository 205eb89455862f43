import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBody } from './body.js';
import { exportState } from './convert.js';

function paragraph(text: string, attributes?: Record<string, unknown>): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  const content = new Y.XmlText();
  content.insert(0, text, attributes);
  element.insert(0, [content]);
  return element;
}

describe('reading a stored body', () => {
  it('leaves out what the schema cannot hold, without touching the document it reads', () => {
    // What a client that does not speak Tiptap could store: unknown elements, text straight
    // under the body, hooks (at the top and inside a paragraph).
    const doc = new Y.Doc();
    const body = doc.getXmlFragment('default');
    const unknown = new Y.XmlElement('marquee');
    unknown.insert(0, [new Y.XmlText('junk')]);
    const last = paragraph('last');
    // Yjs's types allow hooks in XML; its typings do not.
    last.insert(1, [new Y.XmlHook('inside') as unknown as Y.XmlText]);
    body.insert(0, [paragraph('first'), unknown, new Y.XmlText('stray'), new Y.XmlHook('top') as unknown as Y.XmlText, last]);
    const before = Y.encodeStateAsUpdate(doc);

    const json = readBody(before);
    expect(json.content?.map((node) => node.type)).toEqual(['paragraph', 'paragraph']);
    expect(exportState(before, 'MARKDOWN', '')).toBe('first\n\nlast\n');
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('drops a javascript: link a client stored, keeping its text', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment('default').insert(0, [paragraph('click', { link: { href: 'javascript:alert(1)' } }), paragraph('ok', { link: { href: 'https://example.com' } })]);
    const state = Y.encodeStateAsUpdate(doc);
    expect(exportState(state, 'MARKDOWN', '')).toBe('click\n\n[ok](https://example.com)\n');
    expect(exportState(state, 'HTML', '')).not.toContain('javascript');
  });
});
