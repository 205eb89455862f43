import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { bodyText } from '../documents/text.js';
import { anchorRange, resolveAnchor } from './anchors.js';

function docOf(...lines: string[]): Y.Doc {
  const doc = new Y.Doc();
  for (const line of lines) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(line)]);
    doc.getXmlFragment('default').push([paragraph]);
  }
  return doc;
}

const textOf = (doc: Y.Doc, block: number) => (doc.getXmlFragment('default').get(block) as Y.XmlElement).get(0) as Y.XmlText;

/** Offsets of `quote` in the document's text. */
function rangeOf(doc: Y.Doc, quote: string): [number, number] {
  const start = bodyText(doc).indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return [start, start + quote.length];
}

describe('comment anchors', () => {
  it('quote the range they were made for, as offsets into Document.text', () => {
    const doc = docOf('First paragraph', 'The quick brown fox');
    const [start, end] = rangeOf(doc, 'quick brown');
    const anchor = anchorRange(doc, start, end);
    expect(resolveAnchor(doc, anchor)).toEqual({ start, end, quote: 'quick brown' });
  });

  it('follow the text through insertions before, inside and right after the range', () => {
    const doc = docOf('Intro', 'The quick brown fox');
    const anchor = anchorRange(doc, ...rangeOf(doc, 'quick brown'));
    textOf(doc, 1).insert(0, 'See: ');
    textOf(doc, 1).insert('See: The quick'.length, ' and very');
    textOf(doc, 0).insert(0, 'A longer ');
    // Typed right after the last character: not part of the passage that was commented on.
    textOf(doc, 1).insert('See: The quick and very brown'.length, 'ish');
    const anchored = resolveAnchor(doc, anchor)!;
    expect(anchored.quote).toBe('quick and very brown');
    expect(bodyText(doc).slice(anchored.start, anchored.end)).toBe('quick and very brown');
  });

  it('follow concurrent edits merged from other replicas', () => {
    const a = docOf('One two three four');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const anchor = anchorRange(a, ...rangeOf(a, 'two three'));
    textOf(a, 0).insert(0, 'Zero ');
    textOf(b, 0).insert('One two'.length, ' and a half');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(resolveAnchor(a, anchor)?.quote).toBe('two and a half three');
  });

  it('collapse to null when the text is deleted, or its paragraph is', () => {
    const doc = docOf('Keep this', 'Remove these words');
    const words = anchorRange(doc, ...rangeOf(doc, 'these words'));
    const keep = anchorRange(doc, ...rangeOf(doc, 'Keep'));
    textOf(doc, 1).delete('Remove '.length, 'these words'.length);
    expect(resolveAnchor(doc, words)).toBeNull();
    expect(resolveAnchor(doc, keep)?.quote).toBe('Keep');
    doc.getXmlFragment('default').delete(0, 1);
    expect(resolveAnchor(doc, keep)).toBeNull();
  });

  it('refuse ranges that are empty, out of the text or across blocks', () => {
    const doc = docOf('abc', 'def');
    expect(() => anchorRange(doc, 1, 1)).toThrow(/start < end/);
    expect(() => anchorRange(doc, -1, 2)).toThrow(/start < end/);
    expect(() => anchorRange(doc, 8, 9)).toThrow(/not within/);
    expect(() => anchorRange(doc, 1, 6)).toThrow(/within one/);
    expect(() => anchorRange(doc, 1.5, 2)).toThrow(/start < end/);
  });

  it('count a hard break as one character of its block', () => {
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('line one'), new Y.XmlElement('hardBreak'), new Y.XmlText('line two')]);
    doc.getXmlFragment('default').push([paragraph]);
    expect(bodyText(doc)).toBe('line one\nline two');
    const anchor = anchorRange(doc, ...rangeOf(doc, 'one\nline'));
    expect(resolveAnchor(doc, anchor)?.quote).toBe('one\nline');
  });
});
