// Pasted and dropped images: each image file is uploaded to the API (uploadImage) and put in
// the document where it was pasted or dropped; the slash menu's "Image" picks files the same
// way. Images in pasted HTML that come from other sites are not loaded into readers' browsers
// (the schema only takes this server's images): the person is told, and the text still comes.
import { Extension } from '@tiptap/core';
import { imageIdOf } from '@tandem/document-schema';
import { Plugin, PluginKey } from '@tiptap/pm/state';

export interface ImageUploadOptions {
  /** Uploads one file; resolves with the image's URL, rejects with a sentence for people. */
  upload: (file: File) => Promise<string>;
  /** Something people should know: an upload failed, or pasted images were left out. */
  onProblem: (message: string) => void;
  /** How many uploads are under way (to show progress). */
  onUploading: (count: number) => void;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    imageUpload: {
      /** Uploads these files and inserts them at the selection. */
      uploadImages: (files: readonly File[]) => ReturnType;
    };
  }
}

const imageFiles = (data: DataTransfer | null) => Array.from(data?.files ?? []).filter((file) => file.type.startsWith('image/'));

/** Whether pasted HTML has images from elsewhere (which the schema leaves out). */
function hasForeignImages(html: string): boolean {
  if (!/<img[\s>]/i.test(html)) return false;
  const sources = Array.from(html.matchAll(/<img[^>]*\ssrc\s*=\s*["']?([^"'\s>]+)/gi), (match) => match[1]);
  return sources.length === 0 || sources.some((src) => !imageIdOf(src));
}

export const ImageUpload = Extension.create<ImageUploadOptions>({
  name: 'imageUpload',

  addOptions() {
    return {
      upload: () => Promise.reject(new Error('images cannot be uploaded here')),
      onProblem: () => {},
      onUploading: () => {},
    };
  },

  addStorage() {
    return { uploading: 0 };
  },

  addCommands() {
    return {
      uploadImages:
        (files) =>
        ({ editor }) => {
          if (files.length === 0 || !editor.isEditable) return false;
          const storage = this.storage as { uploading: number };
          for (const file of files) {
            storage.uploading += 1;
            this.options.onUploading(storage.uploading);
            this.options
              .upload(file)
              .then((src) => {
                if (editor.isDestroyed) return;
                // Where the caret is when the upload is done: the paste or drop put it there.
                editor.chain().insertContent({ type: 'image', attrs: { src, alt: file.name.replace(/\.[^.]+$/, '') } }).run();
              })
              .catch((error: unknown) => this.options.onProblem(error instanceof Error ? error.message : String(error)))
              .finally(() => {
                storage.uploading -= 1;
                this.options.onUploading(storage.uploading);
              });
          }
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey('imageUpload'),
        props: {
          handlePaste: (_view, event) => {
            const files = imageFiles(event.clipboardData);
            if (files.length > 0) {
              event.preventDefault();
              return editor.commands.uploadImages(files);
            }
            if (hasForeignImages(event.clipboardData?.getData('text/html') ?? '')) {
              this.options.onProblem('Images from other sites are not copied into documents; the text is in. Paste or drop the image files themselves to add them.');
            }
            return false;
          },
          handleDrop: (view, event, _slice, moved) => {
            const files = moved ? [] : imageFiles(event.dataTransfer);
            if (files.length === 0) return false;
            event.preventDefault();
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
            if (at) editor.commands.setTextSelection(at.pos);
            return editor.commands.uploadImages(files);
          },
        },
      }),
    ];
  },
});
