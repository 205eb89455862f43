'use client';

import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { BubbleMenu } from '@tiptap/react/menus';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { linkHref } from './link-address';
import { coarsePointer, menuProps, shortcutLabel } from './menu-helpers';

const KEY = 'linkPopover';

/**
 * The link popover: shows the link under the caret (open it, edit it, remove it), and is the
 * form that adds or edits one (Ctrl/Cmd+K, or the link button of the formatting menu).
 */
export function LinkPopover({ editor, editing, onEditingChange }: { editor: Editor; editing: boolean; onEditingChange: (editing: boolean) => void }) {
  const editingRef = useRef(editing);
  editingRef.current = editing;
  const href = useEditorState({ editor, selector: ({ editor: current }) => (current.getAttributes('link').href as string | undefined) ?? null });

  // Opening the form is not a change of selection, which is all the bubble menu watches.
  useEffect(() => {
    if (!editing) return;
    editor.view.dispatch(editor.state.tr.setMeta(KEY, 'show'));
    editor.view.dispatch(editor.state.tr.setMeta(KEY, 'updatePosition'));
  }, [editor, editing]);

  const close = () => {
    onEditingChange(false);
    editor.commands.focus();
  };

  return (
    <BubbleMenu
      editor={editor}
      pluginKey={KEY}
      className="editor-menu link-popover"
      data-testid="link-popover"
      {...menuProps(editor, 'Link')}
      updateDelay={0}
      options={{ placement: coarsePointer() ? 'bottom' : 'bottom-start', offset: 8, flip: true, shift: { padding: 8 } }}
      shouldShow={({ editor: current, view, element }) => {
        if (!current.isEditable) return false;
        if (editingRef.current) return true;
        const focused = view.hasFocus() || element.contains(document.activeElement);
        return focused && current.isActive('link');
      }}
    >
      {editing ? (
        <LinkForm editor={editor} current={href} onDone={close} />
      ) : href ? (
        <>
          <a className="link-popover-href" href={href} target="_blank" rel="noopener noreferrer" title={`Open ${href} in a new tab`}>
            {href}
          </a>
          <button type="button" className="menu-button menu-text-button" onClick={() => onEditingChange(true)} title={`Edit link (${shortcutLabel('Mod+K')})`}>
            Edit
          </button>
          <button type="button" className="menu-button menu-text-button" onClick={() => editor.chain().focus().extendMarkRange('link').unsetLink().run()}>
            Remove
          </button>
        </>
      ) : null}
    </BubbleMenu>
  );
}

function LinkForm({ editor, current, onDone }: { editor: Editor; current: string | null; onDone: () => void }) {
  const [value, setValue] = useState(current ?? '');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // Focus after the popover has been placed, so the page does not scroll to where it was.
  useEffect(() => {
    const timer = setTimeout(() => input.current?.focus({ preventScroll: true }), 0);
    return () => clearTimeout(timer);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const href = linkHref(value);
    if (!href) {
      setError('That is not a web or email address.');
      return;
    }
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive('link')) {
      // Nothing selected: the address itself becomes the linked text.
      editor.chain().focus().insertContent({ type: 'text', text: value.trim(), marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    }
    onDone();
  };

  return (
    <form className="link-form" onSubmit={submit} noValidate>
      <input
        ref={input}
        className="link-input"
        aria-label="Link address"
        placeholder="Paste or type a link"
        value={value}
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            onDone();
          }
        }}
      />
      <button type="submit" className="menu-button menu-text-button menu-primary">
        {current ? 'Save' : 'Add link'}
      </button>
      {current ? (
        <button
          type="button"
          className="menu-button menu-text-button"
          onClick={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            onDone();
          }}
        >
          Remove
        </button>
      ) : null}
      {error ? (
        <p className="link-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
