// Alt+F10 moves focus from the text to the menu showing next to it (formatting, link, table,
// code language), as in other editors; Escape in a menu goes back to the text. Menus mark
// themselves with data-editor-menu and are only in the page while they show.
import { Extension } from '@tiptap/core';

export const MENU_ATTRIBUTE = 'data-editor-menu';

export const MenuShortcut = Extension.create({
  name: 'menuShortcut',

  addKeyboardShortcuts() {
    return {
      'Alt-F10': () => {
        const control = document.querySelector<HTMLElement>(
          `[${MENU_ATTRIBUTE}] button:not(:disabled), [${MENU_ATTRIBUTE}] select, [${MENU_ATTRIBUTE}] input, [${MENU_ATTRIBUTE}] a[href]`,
        );
        if (!control) return false;
        control.focus();
        return true;
      },
    };
  },
});
