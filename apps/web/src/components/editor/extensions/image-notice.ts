// Images cannot be added to a document yet (they are uploaded to the API, which serves them
// with each reader's access: that waits for accounts). Until then a pasted or dropped image
// must not vanish without a word: this tells the person, and keeps any text that came with it.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

export interface ImageNoticeOptions {
  onRefused: () => void;
}

function holdsImage(data: DataTransfer | null): boolean {
  if (!data) return false;
  return Array.from(data.files).some((file) => file.type.startsWith('image/')) || /<img[\s>]/i.test(data.getData('text/html'));
}

export const ImageNotice = Extension.create<ImageNoticeOptions>({
  name: 'imageNotice',

  addOptions() {
    return { onRefused: () => {} };
  },

  addProseMirrorPlugins() {
    const refuse = (data: DataTransfer | null) => {
      if (holdsImage(data)) this.options.onRefused();
      // Never handled here: whatever text came along is still pasted or dropped as usual.
      return false;
    };
    return [
      new Plugin({
        key: new PluginKey('imageNotice'),
        props: {
          handlePaste: (_view, event) => refuse(event.clipboardData),
          handleDrop: (_view, event) => refuse((event as DragEvent).dataTransfer),
        },
      }),
    ];
  },
});
