'use client';

import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { BubbleMenu } from '@tiptap/react/menus';
import { isTextSelection } from '@tiptap/core';
import { BLOCK_COMMANDS } from './extensions/block-commands';
import { coarsePointer, menuProps, shortcutLabel } from './menu-helpers';

const MARKS = [
  { mark: 'bold', label: 'Bold', keys: 'Mod+B', glyph: 'B', toggle: (editor: Editor) => editor.chain().focus().toggleBold().run() },
  { mark: 'italic', label: 'Italic', keys: 'Mod+I', glyph: 'I', toggle: (editor: Editor) => editor.chain().focus().toggleItalic().run() },
  { mark: 'underline', label: 'Underline', keys: 'Mod+U', glyph: 'U', toggle: (editor: Editor) => editor.chain().focus().toggleUnderline().run() },
  { mark: 'strike', label: 'Strikethrough', keys: 'Mod+Shift+S', glyph: 'S', toggle: (editor: Editor) => editor.chain().focus().toggleStrike().run() },
  { mark: 'code', label: 'Inline code', keys: 'Mod+E', glyph: '</>', toggle: (editor: Editor) => editor.chain().focus().toggleCode().run() },
] as const;

const TURNS_INTO = BLOCK_COMMANDS.filter((command) => command.turnsInto);

/**
 * The formatting toolbar that floats by a selection: the kind of block, the marks, a link.
 * Below the selection on touch screens (the system's copy/paste callout sits above it).
 */
export function FormattingMenu({ editor, linkEditing, onLink }: { editor: Editor; linkEditing: boolean; onLink: () => void }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      marks: Object.fromEntries(MARKS.map(({ mark }) => [mark, current.isActive(mark)])) as Record<string, boolean>,
      link: current.isActive('link'),
      block: TURNS_INTO.find((command) => command.isActive(current))?.id ?? '',
    }),
  });

  return (
    <BubbleMenu
      editor={editor}
      pluginKey="formattingMenu"
      className="editor-menu formatting-menu"
      data-testid="formatting-menu"
      {...menuProps(editor, 'Formatting')}
      options={{ placement: coarsePointer() ? 'bottom' : 'top', offset: 8, flip: true, shift: { padding: 8 } }}
      shouldShow={({ editor: current, view, state: editorState, from, to, element }) => {
        if (linkEditing || !current.isEditable) return false;
        const focused = view.hasFocus() || element.contains(document.activeElement);
        if (!focused || from === to || !isTextSelection(editorState.selection)) return false;
        // Code is code: no marks or blocks to offer inside it.
        return !editorState.selection.$from.parent.type.spec.code;
      }}
    >
      <select
        className="menu-select"
        aria-label="Turn into"
        value={state.block}
        onChange={(event) => {
          const command = TURNS_INTO.find((candidate) => candidate.id === event.target.value);
          if (command) command.run(editor.chain().focus()).run();
        }}
      >
        {state.block === '' ? <option value="">Mixed</option> : null}
        {TURNS_INTO.map((command) => (
          <option key={command.id} value={command.id}>
            {command.title}
          </option>
        ))}
      </select>
      <span className="menu-divider" aria-hidden="true" />
      {MARKS.map(({ mark, label, keys, glyph, toggle }) => (
        <button
          key={mark}
          type="button"
          className={`menu-button menu-mark-${mark}`}
          aria-pressed={state.marks[mark] ?? false}
          aria-label={label}
          title={`${label} (${shortcutLabel(keys)})`}
          onClick={() => toggle(editor)}
        >
          {glyph}
        </button>
      ))}
      <span className="menu-divider" aria-hidden="true" />
      <button
        type="button"
        className="menu-button"
        aria-pressed={state.link}
        aria-label={state.link ? 'Edit link' : 'Add link'}
        title={`${state.link ? 'Edit link' : 'Add link'} (${shortcutLabel('Mod+K')})`}
        onClick={onLink}
      >
        <LinkIcon />
      </button>
    </BubbleMenu>
  );
}

export function LinkIcon() {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round">
      <path d="M8.5 11.5a3.5 3.5 0 0 0 5 0l2.5-2.5a3.5 3.5 0 0 0-5-5L10 5" />
      <path d="M11.5 8.5a3.5 3.5 0 0 0-5 0L4 11a3.5 3.5 0 0 0 5 5l1-1" />
    </svg>
  );
}
