'use client';

import { CODE_LANGUAGES } from '@tandem/document-schema';
import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { BubbleMenu } from '@tiptap/react/menus';
import { menuProps, selectedAncestorElement } from './menu-helpers';

/** The language of the code block the caret is in, at its top right corner. */
export function CodeBlockMenu({ editor }: { editor: Editor }) {
  const language = useEditorState({
    editor,
    selector: ({ editor: current }) => (current.isActive('codeBlock') ? ((current.getAttributes('codeBlock').language as string | null) ?? '') : ''),
  });
  const known = CODE_LANGUAGES.some((candidate) => candidate.id === language);
  return (
    <BubbleMenu
      editor={editor}
      pluginKey="codeBlockMenu"
      className="editor-menu code-block-menu"
      data-testid="code-block-menu"
      {...menuProps(editor, 'Code block')}
      updateDelay={0}
      // Inside the block's top right corner, over its first line's end rather than the text above.
      options={{ placement: 'top-end', offset: ({ rects }) => ({ mainAxis: -rects.floating.height - 4, crossAxis: -4 }), flip: false, shift: { padding: 8 } }}
      getReferencedVirtualElement={() => {
        const block = selectedAncestorElement(editor, 'codeBlock');
        return block ? { getBoundingClientRect: () => block.getBoundingClientRect() } : null;
      }}
      shouldShow={({ editor: current, view, element }) =>
        current.isEditable && current.isActive('codeBlock') && (view.hasFocus() || element.contains(document.activeElement))
      }
    >
      <select
        className="menu-select"
        aria-label="Code language"
        value={language}
        onChange={(event) => editor.chain().focus().updateAttributes('codeBlock', { language: event.target.value || null }).run()}
      >
        <option value="">Plain text</option>
        {!known && language ? <option value={language}>{language}</option> : null}
        {CODE_LANGUAGES.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.name}
          </option>
        ))}
      </select>
    </BubbleMenu>
  );
}
