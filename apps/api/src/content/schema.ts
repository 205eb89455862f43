// The document's schema on the server: built once from the same extension list as the web
// editor (@tandem/document-schema), so an exported or imported document means what the
// editor shows.
import { documentSchema } from '@tandem/document-schema';
import { getSchema } from '@tiptap/core';
import { MarkdownManager } from '@tiptap/markdown';

export const schema = getSchema(documentSchema);

/** Reads and writes Markdown with each extension's own Markdown rules (GFM: tables, task lists, ~~strike~~). */
export const markdown = new MarkdownManager({ extensions: documentSchema, markedOptions: { gfm: true } });
