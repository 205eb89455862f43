'use client';

import type { ChainedCommands, Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { BubbleMenu } from '@tiptap/react/menus';
import { menuProps, selectedAncestorElement } from './menu-helpers';

const ACTIONS: { label: string; name: string; title: string; run: (chain: ChainedCommands) => ChainedCommands; danger?: boolean }[] = [
  { label: 'Row ↑', name: 'Add row above', title: 'Add a row above', run: (chain) => chain.addRowBefore() },
  { label: 'Row ↓', name: 'Add row below', title: 'Add a row below (Tab in the last cell does too)', run: (chain) => chain.addRowAfter() },
  { label: 'Column ←', name: 'Add column left', title: 'Add a column to the left', run: (chain) => chain.addColumnBefore() },
  { label: 'Column →', name: 'Add column right', title: 'Add a column to the right', run: (chain) => chain.addColumnAfter() },
  { label: 'Delete row', name: 'Delete row', title: 'Delete this row', run: (chain) => chain.deleteRow(), danger: true },
  { label: 'Delete column', name: 'Delete column', title: 'Delete this column', run: (chain) => chain.deleteColumn(), danger: true },
  { label: 'Header', name: 'Header row', title: 'Make the first row a header, or a plain row', run: (chain) => chain.toggleHeaderRow() },
  { label: 'Delete table', name: 'Delete table', title: 'Delete the whole table', run: (chain) => chain.deleteTable(), danger: true },
];

/** Rows and columns of the table the caret is in: above the table, while the caret is inside. */
export function TableMenu({ editor }: { editor: Editor }) {
  // Re-render as the selection moves, so each button's availability is current.
  const can = useEditorState({
    editor,
    selector: ({ editor: current }) => ACTIONS.map((action) => current.isActive('table') && action.run(current.can().chain()).run()),
  });
  return (
    <BubbleMenu
      editor={editor}
      pluginKey="tableMenu"
      className="editor-menu table-menu"
      data-testid="table-menu"
      {...menuProps(editor, 'Table')}
      updateDelay={0}
      options={{ placement: 'top-start', offset: 6, flip: false, shift: { padding: 8 } }}
      getReferencedVirtualElement={() => {
        const table = selectedAncestorElement(editor, 'table');
        return table ? { getBoundingClientRect: () => table.getBoundingClientRect() } : null;
      }}
      shouldShow={({ editor: current, view, element }) =>
        current.isEditable && current.isActive('table') && (view.hasFocus() || element.contains(document.activeElement))
      }
    >
      {ACTIONS.map((action, index) => (
        <button
          key={action.label}
          aria-label={action.name}
          type="button"
          className={`menu-button menu-text-button${action.danger ? ' menu-danger' : ''}`}
          title={action.title}
          disabled={!can[index]}
          onClick={() => action.run(editor.chain().focus()).run()}
        >
          {action.name.startsWith('Add') ? '+ ' : ''}
          {action.label}
        </button>
      ))}
    </BubbleMenu>
  );
}
