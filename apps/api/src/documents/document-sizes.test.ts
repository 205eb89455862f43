import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocumentSizes } from './document-sizes.js';
import { LiveDocument } from './live-document.js';

function edit(live: LiveDocument, text: string, seq: number): void {
  const writer = new Y.Doc();
  Y.applyUpdate(writer, live.diff());
  const before = Y.encodeStateVector(writer);
  writer.getText('t').insert(writer.getText('t').length, text);
  live.applyStored(Y.encodeStateAsUpdate(writer, before), seq, null);
}

describe('DocumentSizes', () => {
  it('measures at load, grows with each update, and stays within twice the encoded size', () => {
    const now = () => 0;
    const live = LiveDocument.load('d', now, null, []);
    edit(live, 'x'.repeat(1000), 1);
    const sizes = new DocumentSizes();
    sizes.track(live);
    const encoded = () => Y.encodeStateAsUpdate(live.doc).byteLength;
    expect(sizes.of(live)).toBe(encoded());
    sizes.track(live); // twice is once
    for (let i = 0; i < 50; i++) {
      edit(live, 'y'.repeat(100), i + 2);
      expect(sizes.of(live)).toBeGreaterThanOrEqual(encoded());
      expect(sizes.of(live)).toBeLessThanOrEqual(2 * encoded() + 200);
    }
    expect(sizes.totalBytes()).toBe(sizes.of(live));
    sizes.untrack(live);
    expect(sizes.totalBytes()).toBe(0);
    expect(sizes.of(live)).toBe(0);
  });

  it('sums several documents', () => {
    const sizes = new DocumentSizes();
    const a = LiveDocument.load('a', () => 0, null, []);
    const b = LiveDocument.load('b', () => 0, null, []);
    edit(a, 'aaaa', 1);
    edit(b, 'bbbbbbbb', 1);
    sizes.track(a);
    sizes.track(b);
    expect(sizes.totalBytes()).toBe(sizes.of(a) + sizes.of(b));
    sizes.untrack(a);
    expect(sizes.totalBytes()).toBe(sizes.of(b));
  });
});
