// Small shared pieces of the editor's floating menus.
import type { Editor } from '@tiptap/core';
import { MENU_ATTRIBUTE } from './extensions/menu-shortcut';

/** Phones and tablets: menus go below the selection, where the system's own callout is not. */
export function coarsePointer(): boolean {
  return typeof window !== 'undefined' && window.matchMedia('(pointer: coarse)').matches;
}

/** "Mod" is Cmd on Apple devices and Ctrl elsewhere, as Tiptap's shortcuts are. */
export function shortcutLabel(keys: string): string {
  const apple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return keys.replace('Mod', apple ? '⌘' : 'Ctrl').replace('Shift', apple ? '⇧' : 'Shift').replace('Alt', apple ? '⌥' : 'Alt');
}

/** Props every floating menu carries: found by Alt+F10, left with Escape. */
export function menuProps(editor: Editor, label: string) {
  return {
    [MENU_ATTRIBUTE]: '',
    role: 'toolbar',
    'aria-label': label,
    // Tiptap's menus hand their listeners an object whose prototype is the native event, on
    // which reading `key` throws "Illegal invocation": read the native event itself.
    onKeyDown: (event: React.KeyboardEvent) => {
      if (event.nativeEvent.key === 'Escape') {
        event.preventDefault();
        editor.commands.focus();
      }
    },
  };
}

/** The DOM element of the nearest ancestor node named `name` around the selection. */
export function selectedAncestorElement(editor: Editor, name: string): HTMLElement | null {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth -= 1) {
    if ($from.node(depth).type.name === name) {
      const dom = editor.view.nodeDOM($from.before(depth));
      return dom instanceof HTMLElement ? dom : null;
    }
  }
  return null;
}
