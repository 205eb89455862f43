'use client';

import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useState } from 'react';
import { documentOutline, sameOutline, type OutlineItem } from './outline';

/** A long document is one with at least this many headings: fewer need no table of contents. */
export const OUTLINE_MIN_HEADINGS = 3;

/**
 * The table of contents of a long document: beside the text on wide screens, a collapsible
 * "Contents" above it on narrow ones. Picking a heading puts the caret there.
 */
export function TableOfContents({ editor }: { editor: Editor }) {
  const outline = useEditorState({
    editor,
    selector: ({ editor: current }) => documentOutline(current.state.doc),
    equalityFn: sameOutline,
  });
  // Open beside the text on wide screens; folded above it on narrow ones until asked for.
  const [open, setOpen] = useState(() => window.matchMedia('(min-width: 80rem)').matches);
  if (outline.length < OUTLINE_MIN_HEADINGS) return null;
  const top = Math.min(...outline.map((item) => item.level));
  const go = (item: OutlineItem) => {
    editor.chain().setTextSelection(item.pos + 1).run();
    // Focus now, not through Tiptap's focus() command, which waits for an animation frame: a key
    // typed right after the click would go to this button and be lost.
    editor.view.focus();
    const dom = editor.view.nodeDOM(item.pos);
    if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };
  return (
    <nav className="outline" aria-label="Table of contents" data-testid="table-of-contents">
      <details className="outline-details" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="outline-title">Contents</summary>
        <ol className="outline-list">
          {outline.map((item) => (
            <li key={`${item.pos}-${item.text}`} className="outline-item" style={{ paddingLeft: `${(item.level - top) * 0.9}rem` }}>
              <button type="button" className="outline-link" onClick={() => go(item)}>
                {item.text}
              </button>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
