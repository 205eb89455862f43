// The slash menu: "/" at the start of a line or after a space lists every kind of block
// (block-commands.ts); typing filters it, arrows and Enter pick, Escape closes. Built on
// Tiptap's Suggestion utility, which also positions the menu at the caret.
import { Extension } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import { ReactRenderer } from '@tiptap/react';
import { Suggestion, type SuggestionKeyDownProps, type SuggestionProps } from '@tiptap/suggestion';
import { SlashMenuList, type SlashMenuHandle, type SlashMenuListProps } from '../SlashMenuList';
import { matchBlockCommands, type BlockCommand } from './block-commands';

export const slashMenuKey = new PluginKey('slashMenu');

function renderMenu() {
  let renderer: ReactRenderer<SlashMenuHandle, SlashMenuListProps> | null = null;
  let unmount: (() => void) | null = null;
  const propsOf = (props: SuggestionProps<BlockCommand, BlockCommand>): SlashMenuListProps => ({
    items: props.items,
    query: props.query,
    onPick: (command) => props.command(command),
  });
  return {
    onStart: (props: SuggestionProps<BlockCommand, BlockCommand>) => {
      renderer = new ReactRenderer(SlashMenuList, { editor: props.editor, props: propsOf(props) });
      unmount = props.mount(renderer.element);
    },
    onUpdate: (props: SuggestionProps<BlockCommand, BlockCommand>) => renderer?.updateProps(propsOf(props)),
    onKeyDown: (props: SuggestionKeyDownProps) => renderer?.ref?.onKeyDown(props.event) ?? false,
    onExit: () => {
      unmount?.();
      renderer?.destroy();
      unmount = null;
      renderer = null;
    },
  };
}

export const SlashMenu = Extension.create({
  name: 'slashMenu',

  addProseMirrorPlugins() {
    return [
      Suggestion<BlockCommand, BlockCommand>({
        editor: this.editor,
        pluginKey: slashMenuKey,
        char: '/',
        // "/" inside code is code (a path, a comment), not a menu.
        allow: ({ state, range }) => !state.doc.resolve(range.from).parent.type.spec.code,
        items: ({ query }) => matchBlockCommands(query),
        command: ({ editor, range, props: command }) => {
          command.run(editor.chain().focus().deleteRange(range)).run();
        },
        render: renderMenu,
      }),
    ];
  },
});
