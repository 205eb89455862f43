import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { bodyText, stateText } from './text.js';

function element(name: string, ...children: (Y.XmlElement | Y.XmlText)[]): Y.XmlElement {
  const node = new Y.XmlElement(name);
  node.insert(0, children);
  return node;
}
const text = (value: string) => new Y.XmlText(value);

describe('bodyText', () => {
  it('joins blocks with newlines, recursing into lists and quotes, with hard breaks as newlines', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment('default').insert(0, [
      element('heading', text('Title')),
      element('paragraph', text('one'), element('hardBreak'), text('two')),
      element('bulletList', element('listItem', element('paragraph', text('item')))),
      element('blockquote', element('paragraph', text('quoted'))),
      element('codeBlock', text('code()')),
      element('horizontalRule'),
      element('paragraph'),
      element('paragraph', text('last')),
    ]);
    expect(bodyText(doc)).toBe('Title\none\ntwo\nitem\nquoted\ncode()\n\nlast');
  });

  it('ignores formatting marks and other root types', () => {
    const doc = new Y.Doc();
    const bold = text('bold');
    doc.getXmlFragment('default').insert(0, [element('paragraph', text('plain '), bold)]);
    bold.format(0, 4, { bold: {} });
    doc.getText('other').insert(0, 'not body');
    expect(bodyText(doc)).toBe('plain bold');
    expect(stateText(Y.encodeStateAsUpdate(doc))).toBe('plain bold');
  });

  it('is empty for an empty document', () => {
    expect(bodyText(new Y.Doc())).toBe('');
  });
});
