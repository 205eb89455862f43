import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { TandemProvider } from './provider.js';

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

describe('TandemProvider before it connects', () => {
  it('counts what the doc holds beyond the last known server state as pending', () => {
    const doc = docWith('saved');
    const saved = Y.encodeStateVector(doc);
    doc.getText('t').insert(5, ' and typed offline');
    const provider = new TandemProvider({ url: 'http://127.0.0.1:1/graphql', documentId: 'd', doc, connect: false, serverStateVector: saved });
    expect(provider.status.pending).toBeGreaterThan(0);
    provider.destroy();
  });

  it('has nothing pending when the server already had everything', () => {
    const doc = docWith('saved');
    const provider = new TandemProvider({
      url: 'http://127.0.0.1:1/graphql',
      documentId: 'd',
      doc,
      connect: false,
      serverStateVector: Y.encodeStateVector(doc),
    });
    expect(provider.status.pending).toBe(0);
    provider.destroy();
  });
});
