'use client';

import type { CommentThread } from '@tandem/provider';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { useEffect, useState } from 'react';
import type { Identity } from '@/lib/identity';
import { DocumentStats } from './DocumentStats';
import { EditorMenus } from './EditorMenus';
import { editorExtensions } from './extensions';
import { setCommentHighlights } from './extensions/comment-highlights';
import { EditorNotice } from './EditorNotice';
import { TableOfContents } from './TableOfContents';
import type { Session } from './use-collaboration';
import { useDistinctColor } from './use-distinct-color';
import { useImageUpload } from './use-image-upload';
import './editor.css';

/** The body of the document: Tiptap bound to the Y.Doc's 'default' fragment. */
export function CollaborativeEditor({
  session,
  identity,
  editable,
  onReady,
  threads,
  activeThread,
  onThreadClick,
}: {
  session: Session;
  identity: Identity;
  editable: boolean;
  onReady: (editor: Editor | null) => void;
  /** Comment threads: open ones are highlighted in the text. */
  threads: CommentThread[];
  activeThread: string | null;
  /** A click on a highlighted passage. */
  onThreadClick: (threadId: string) => void;
}) {
  const [linkEditing, setLinkEditing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState(0);
  const uploadImage = useImageUpload(session.provider.documentId);
  const editor = useEditor(
    {
      immediatelyRender: false,
      extensions: editorExtensions({
        session,
        identity,
        onLinkShortcut: () => setLinkEditing(true),
        uploadImage,
        onProblem: setProblem,
        onUploading: setUploading,
      }),
      editable,
      editorProps: {
        attributes: { 'aria-label': 'Document text', 'aria-multiline': 'true', role: 'textbox', class: 'prose' },
      },
    },
    [session],
  );
  const color = useDistinctColor(session.provider.awareness, identity.color);

  useEffect(() => {
    onReady(editor);
    return () => onReady(null);
  }, [editor, onReady]);

  useEffect(() => {
    editor?.commands.updateUser({ name: identity.name, color });
  }, [editor, identity.name, color]);

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.view.dispatch(setCommentHighlights(editor.state.tr, { threads, active: activeThread }));
  }, [editor, threads, activeThread]);

  return (
    <>
      {editor ? <TableOfContents editor={editor} /> : null}
      {editor ? <EditorMenus editor={editor} linkEditing={linkEditing} onLinkEditingChange={setLinkEditing} /> : null}
      <EditorContent
        editor={editor}
        className="editor"
        data-testid="editor"
        onClick={(event) => {
          const highlight = (event.target as HTMLElement).closest<HTMLElement>('[data-thread-id]');
          if (highlight?.dataset.threadId) onThreadClick(highlight.dataset.threadId);
        }}
      />
      {uploading > 0 ? (
        <p className="editor-uploading" role="status" data-testid="image-uploading">
          Adding {uploading === 1 ? 'an image' : `${uploading} images`}…
        </p>
      ) : null}
      {problem ? <EditorNotice message={problem} onDismiss={() => setProblem(null)} /> : null}
      {editor ? <DocumentStats editor={editor} /> : null}
    </>
  );
}
