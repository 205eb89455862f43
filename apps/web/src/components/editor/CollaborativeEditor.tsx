'use client';

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import type { Identity } from '@/lib/identity';
import type { Session } from './use-collaboration';

/** The body of the document: Tiptap bound to the Y.Doc's 'default' fragment. */
export function CollaborativeEditor({
  session,
  identity,
  editable,
  onReady,
}: {
  session: Session;
  identity: Identity;
  editable: boolean;
  onReady: (editor: Editor | null) => void;
}) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      extensions: [
        // Yjs keeps the history: undo must only undo your own changes, not a collaborator's.
        StarterKit.configure({ undoRedo: false }),
        Placeholder.configure({ placeholder: 'Start writing…' }),
        Collaboration.configure({ document: session.doc, field: 'default' }),
        CollaborationCaret.configure({ provider: session.provider, user: { name: identity.name, color: identity.color } }),
      ],
      editable,
      editorProps: {
        attributes: { 'aria-label': 'Document text', 'aria-multiline': 'true', role: 'textbox', class: 'prose' },
      },
    },
    [session],
  );

  useEffect(() => {
    onReady(editor);
    return () => onReady(null);
  }, [editor, onReady]);

  useEffect(() => {
    editor?.commands.updateUser({ name: identity.name, color: identity.color });
  }, [editor, identity.name, identity.color]);

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return <EditorContent editor={editor} className="editor" data-testid="editor" />;
}
