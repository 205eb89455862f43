// What the editor can do, one extension per feature (STYLE.md point 10). The document's own
// content (text, headings, lists, task lists, quotes, code, tables, links) is the shared list
// from @tandem/document-schema, the same one the API exports and imports with.
import type { AnyExtension } from '@tiptap/core';
import { documentSchema } from '@tandem/document-schema';
import type { Identity } from '@/lib/identity';
import type { Session } from '../use-collaboration';
import { collaboration } from './collaboration';
import { CommentHighlights } from './comment-highlights';
import { ImageUpload } from './image-upload';
import { ImagesWithGuestAccess } from './image-view';
import { LinkShortcut } from './link-shortcut';
import { MarkdownPaste } from './markdown-paste';
import { MenuShortcut } from './menu-shortcut';
import { Placeholders } from './placeholder';
import { SlashMenu } from './slash-menu';
import { TableShortcut } from './table-shortcut';
import { WordCount } from './word-count';

export interface EditorFeatureOptions {
  session: Session;
  identity: Identity;
  /** Ctrl/Cmd+K. */
  onLinkShortcut: () => void;
  /** Uploads an image file to the API; resolves with its URL. */
  uploadImage: (file: File) => Promise<string>;
  /** Something the person should know (an upload failed, pasted images were left out). */
  onProblem: (message: string) => void;
  /** How many image uploads are under way. */
  onUploading: (count: number) => void;
}

export function editorExtensions(options: EditorFeatureOptions): AnyExtension[] {
  return [
    // What a document can hold, with each block's Markdown shortcut; images drawn so that
    // guests (share links) see them too.
    ...documentSchema.map((extension) => (extension.name === 'image' ? ImagesWithGuestAccess : extension)),
    ...collaboration(options.session, options.identity), //   shared editing, your own undo, everyone's carets
    SlashMenu, //                                             "/" lists every kind of block
    TableShortcut, //                                         "| a | b |" then Enter makes a table
    LinkShortcut.configure({ onOpen: options.onLinkShortcut }), // Ctrl/Cmd+K adds or edits a link
    MenuShortcut, //                                          Alt+F10 reaches the menu beside the text
    ImageUpload.configure({ upload: options.uploadImage, onProblem: options.onProblem, onUploading: options.onUploading }), // pasted and dropped images are uploaded
    MarkdownPaste, //                                         pasted Markdown becomes blocks
    Placeholders, //                                          empty blocks say how to start
    WordCount, //                                             words and characters
    CommentHighlights, //                                     open comment threads highlighted in the text
  ];
}
