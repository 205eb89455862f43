// Comment threads shown in the text: each open thread's passage is highlighted, found from the
// thread's Yjs relative positions (kept by the API, see apps/api/src/comments/anchors.ts), so
// the highlight sits on the same characters for everyone whatever they typed since. The
// threads come from the provider (watchThreads) through setCommentHighlights; clicking a
// highlight is the page's business (it reads data-thread-id).
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import type { CommentThread } from '@tandem/provider';
import * as Y from 'yjs';

interface Highlights {
  threads: readonly CommentThread[];
  /** The thread open in the panel: its highlight stands out. */
  active: string | null;
}

const key = new PluginKey<Highlights>('commentHighlights');

/** A transaction that shows these threads (resolved ones are left out) and marks `active`. */
export function setCommentHighlights(tr: Transaction, highlights: Highlights): Transaction {
  return tr.setMeta(key, highlights).setMeta('addToHistory', false);
}

/** Where each open thread's passage is now, as ProseMirror positions. */
export function threadPositions(state: EditorState, threads: readonly CommentThread[]): Map<string, { from: number; to: number }> {
  const positions = new Map<string, { from: number; to: number }>();
  const binding = ySyncPluginKey.getState(state)?.binding as { doc: Y.Doc; type: Y.XmlFragment; mapping: Map<unknown, unknown> } | undefined;
  if (!binding) return positions;
  for (const thread of threads) {
    try {
      const from = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.decodeRelativePosition(thread.anchorStart), binding.mapping as never);
      const to = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.decodeRelativePosition(thread.anchorEnd), binding.mapping as never);
      if (from !== null && to !== null && to > from && to <= state.doc.content.size) positions.set(thread.id, { from, to });
    } catch {
      // The binding is between two states (a remote change being applied): the next one draws it.
    }
  }
  return positions;
}

export const CommentHighlights = Extension.create({
  name: 'commentHighlights',

  addProseMirrorPlugins() {
    return [
      new Plugin<Highlights>({
        key,
        state: {
          init: () => ({ threads: [], active: null }),
          apply: (tr, value) => (tr.getMeta(key) as Highlights | undefined) ?? value,
        },
        props: {
          decorations(state) {
            const { threads, active } = key.getState(state)!;
            const open = threads.filter((thread) => !thread.resolved);
            if (open.length === 0) return DecorationSet.empty;
            const decorations = [...threadPositions(state, open)].map(([id, { from, to }]) =>
              Decoration.inline(from, to, {
                class: id === active ? 'comment-highlight is-active' : 'comment-highlight',
                'data-thread-id': id,
              }),
            );
            return DecorationSet.create(state.doc, decorations);
          },
        },
      }),
    ];
  },
});
