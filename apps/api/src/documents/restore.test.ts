import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { restoreUpdate } from './restore.js';
import { bodyText } from './text.js';

function paragraphs(doc: Y.Doc, ...lines: string[]): void {
  doc.getXmlFragment('default').push(
    lines.map((line) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(line)]);
      return p;
    }),
  );
}

describe('restoreUpdate', () => {
  it('makes the body equal to the version, touching only the blocks that differ', () => {
    const doc = new Y.Doc();
    paragraphs(doc, ...Array.from({ length: 200 }, (_, i) => `paragraph ${i}`));
    const version = Y.encodeStateAsUpdate(doc);
    const body = doc.getXmlFragment('default');
    body.delete(50, 1);
    paragraphs(doc, 'added later');
    ((body.get(10) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'edited ');

    const change = restoreUpdate(doc, version)!;
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(other, change);
    expect(bodyText(other)).toBe(Array.from({ length: 200 }, (_, i) => `paragraph ${i}`).join('\n'));
    // Far smaller than re-sending the 200 paragraphs.
    expect(change.byteLength).toBeLessThan(version.byteLength / 4);
  });

  it('restores formatting, which the text alone would not show', () => {
    const doc = new Y.Doc();
    paragraphs(doc, 'bold words');
    const text = (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.format(0, 4, { bold: {} });
    const version = Y.encodeStateAsUpdate(doc);
    text.format(0, 4, { bold: null });
    Y.applyUpdate(doc, restoreUpdate(doc, version)!);
    expect(doc.getXmlFragment('default').toString()).toBe('<paragraph><bold>bold</bold> words</paragraph>');
  });

  it('is null when the body already equals the version', () => {
    const doc = new Y.Doc();
    paragraphs(doc, 'same');
    expect(restoreUpdate(doc, Y.encodeStateAsUpdate(doc))).toBeNull();
  });
});
