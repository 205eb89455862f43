// The document is a Y.Doc shared through the provider: Tiptap edits its 'default' fragment,
// undo and redo are Yjs's (your own changes only, never a collaborator's), and everyone's
// caret and selection are shown with their name and colour.
import type { AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { BODY_FIELD } from '@tandem/document-schema';
import type { Identity } from '@/lib/identity';
import type { Session } from '../use-collaboration';

export function collaboration(session: Session, identity: Identity): AnyExtension[] {
  return [
    Collaboration.configure({ document: session.doc, field: BODY_FIELD }),
    CollaborationCaret.configure({ provider: session.provider, user: { name: identity.name, color: identity.color } }),
  ];
}
