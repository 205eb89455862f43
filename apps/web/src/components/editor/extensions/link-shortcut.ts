// Ctrl/Cmd+K opens the link popover (LinkPopover.tsx): add a link to the selection, or edit
// the link under the caret. The popover itself is React; this only hands it the keystroke.
import { Extension } from '@tiptap/core';

export interface LinkShortcutOptions {
  onOpen: () => void;
}

export const LinkShortcut = Extension.create<LinkShortcutOptions>({
  name: 'linkShortcut',

  addOptions() {
    return { onOpen: () => {} };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        if (!this.editor.isEditable) return false;
        this.options.onOpen();
        return true;
      },
    };
  },
});
