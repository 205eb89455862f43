'use client';

import { fromBase64 } from '@tandem/provider';
import { BODY_FIELD, documentSchema } from '@tandem/document-schema';
import { getSchema, type JSONContent } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { useMemo } from 'react';
import * as Y from 'yjs';

// The same nodes and marks as the live editor (its shared list), so a version looks as it
// did: headings, lists, tables, task lists, highlighted code, links.
const EXTENSIONS = documentSchema;
const SCHEMA = getSchema(EXTENSIONS);

/**
 * The version's body as editor content: its state is applied to a fresh Y.Doc and the body
 * fragment read with y-tiptap's own conversion (what the Collaboration extension renders
 * with). Not the extension itself: its sync plugin binds both ways and is built for editing,
 * with an undo manager and a binding per editor; a preview only reads, once.
 */
function contentOf(state: string): { content: JSONContent; empty: boolean } {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, fromBase64(state));
    const root = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(BODY_FIELD), SCHEMA);
    return { content: root.toJSON() as JSONContent, empty: root.textContent.trim() === '' };
  } finally {
    doc.destroy();
  }
}

/** A read-only rendering of a version, with its formatting. */
export function VersionPreview({ state, label }: { state: string; label: string }) {
  const { content, empty } = useMemo(() => contentOf(state), [state]);
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: false,
      extensions: EXTENSIONS,
      content,
      editorProps: {
        attributes: { 'aria-label': label, 'aria-readonly': 'true', role: 'document', class: 'prose' },
      },
    },
    [content],
  );
  return (
    <div className="version-preview" data-testid="version-preview">
      {empty ? <p className="version-empty muted">This version has no text.</p> : null}
      <EditorContent editor={editor} className="editor version-preview-text" />
    </div>
  );
}
