// Restoring a version as a new change: the body of the current document is made equal to the
// version's body in one Yjs transaction, so every client receives it like any other edit, and
// history before it stays intact (a restore is undone by restoring the version before it).
//
// Only the top-level blocks that differ are replaced: blocks are aligned by their XML
// serialisation (which includes attributes and formatting), so restoring a version that
// differs in a few paragraphs sends a small update instead of the whole document again.
import { diffArrays } from 'diff';
import * as Y from 'yjs';
import { BODY_FRAGMENT } from './text.js';

type BodyNode = Y.XmlElement | Y.XmlText;

/**
 * The Yjs update that makes `current`'s body equal to the body in `versionState`, or null
 * when they are equal already (Yjs emits no update for a transaction that changed nothing).
 */
export function restoreUpdate(current: Y.Doc, versionState: Uint8Array): Uint8Array | null {
  const version = new Y.Doc();
  const working = new Y.Doc();
  try {
    Y.applyUpdate(version, versionState);
    Y.applyUpdate(working, Y.encodeStateAsUpdate(current));
    const target = version.getXmlFragment(BODY_FRAGMENT).toArray() as BodyNode[];
    const body = working.getXmlFragment(BODY_FRAGMENT);
    const chunks = diffArrays(
      (body.toArray() as BodyNode[]).map((node) => node.toString()),
      target.map((node) => node.toString()),
    );
    let change: Uint8Array | null = null;
    working.on('update', (update: Uint8Array) => {
      change = update;
    });
    working.transact(() => {
      let at = 0; // position in the body as it is being rewritten
      let from = 0; // position in the version's body
      for (const chunk of chunks) {
        const count = chunk.value.length;
        if (chunk.removed) {
          body.delete(at, count);
        } else if (chunk.added) {
          body.insert(at, target.slice(from, from + count).map((node) => node.clone()) as BodyNode[]);
          at += count;
          from += count;
        } else {
          at += count;
          from += count;
        }
      }
    });
    return change;
  } finally {
    version.destroy();
    working.destroy();
  }
}
