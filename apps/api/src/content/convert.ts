// Export and import as pure functions of bytes and text (no database, no DOM of a browser):
// a document state (Y.encodeStateAsUpdate) to Markdown or HTML, and Markdown or HTML to the
// Yjs update of a new document's body. content-service.ts puts them behind the API.
import { withImagesFrom } from '@tandem/document-schema';
import type { JSONContent } from '@tiptap/core';
import { bodyUpdate, readBody } from './body.js';
import { fromHtml, toHtml } from './html.js';
import { fromMarkdown, toMarkdown } from './markdown.js';

/** The contract's DocumentFormat. */
export type DocumentFormat = 'MARKDOWN' | 'HTML';

export function exportState(state: Uint8Array, format: DocumentFormat, title: string): string {
  const body = readBody(state);
  switch (format) {
    case 'MARKDOWN':
      return toMarkdown(body);
    case 'HTML':
      return toHtml(body, title);
    default: {
      const unknown: never = format;
      throw new Error(`unknown format ${String(unknown)}`);
    }
  }
}

export interface ImportedBody {
  /** The Yjs update that gives an empty document this body. */
  update: Uint8Array;
  /** A title the content itself suggests: the HTML page's <title>, else the first heading. */
  title: string | null;
}

export interface ReadContent {
  body: JSONContent;
  /** A title the content itself suggests: the HTML page's <title>, else the first heading. */
  title: string | null;
}

/** Markdown or HTML read as a document's body (not yet checked against the schema). */
export function readContent(format: DocumentFormat, content: string): ReadContent {
  switch (format) {
    case 'MARKDOWN': {
      const body = fromMarkdown(content);
      return { body, title: firstHeading(body) };
    }
    case 'HTML': {
      const { body, title } = fromHtml(content);
      return { body, title: title ?? firstHeading(body) };
    }
    default: {
      const unknown: never = format;
      throw new Error(`unknown format ${String(unknown)}`);
    }
  }
}

/**
 * Markdown or HTML as the Yjs update of a new document's body. Images stay images only when
 * `keepImage` says this server has them; others become links (see withImagesFrom). Throws
 * InvalidContentError (body.ts) when the content cannot become a document.
 */
export function importContent(format: DocumentFormat, content: string, keepImage: (id: string) => boolean = () => false): ImportedBody {
  const { body, title } = readContent(format, content);
  return { update: bodyUpdate(withImagesFrom(body, keepImage)), title };
}

function plainText(node: JSONContent): string {
  return node.text ?? (node.content ?? []).map(plainText).join('');
}

function firstHeading(body: JSONContent): string | null {
  const heading = body.content?.find((node) => node.type === 'heading');
  const text = heading ? plainText(heading).trim() : '';
  return text || null;
}
