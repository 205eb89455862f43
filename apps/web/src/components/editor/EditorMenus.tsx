'use client';

import type { Editor } from '@tiptap/core';
import { CodeBlockMenu } from './CodeBlockMenu';
import { FormattingMenu } from './FormattingMenu';
import { LinkPopover } from './LinkPopover';
import { TableMenu } from './TableMenu';

/** The menus that float by the text: formatting, link, table, code language. */
export function EditorMenus({ editor, linkEditing, onLinkEditingChange }: { editor: Editor; linkEditing: boolean; onLinkEditingChange: (editing: boolean) => void }) {
  return (
    <>
      <FormattingMenu editor={editor} linkEditing={linkEditing} onLink={() => onLinkEditingChange(true)} />
      <LinkPopover editor={editor} editing={linkEditing} onEditingChange={onLinkEditingChange} />
      <TableMenu editor={editor} />
      <CodeBlockMenu editor={editor} />
    </>
  );
}
