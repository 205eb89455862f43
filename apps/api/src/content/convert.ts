// Export and import as pure functions of bytes and text (no database, no DOM of a browser):
// a document state (Y.encodeStateAsUpdate) to Markdown or HTML, and Markdown or HTML to the
// Yjs update of a new document's body. content-service.ts puts them behind the API.
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

/** Throws InvalidContentError (body.ts) when the content cannot become a document. */
export function importContent(format: DocumentFormat, content: string): ImportedBody {
  let body: JSONContent;
  let pageTitle: string | null = null;
  switch (format) {
    case 'MARKDOWN':
      body = fromMarkdown(content);
      break;
    case 'HTML':
      ({ body, title: pageTitle } = fromHtml(content));
      break;
    default: {
      const unknown: never = format;
      throw new Error(`unknown format ${String(unknown)}`);
    }
  }
  return { update: bodyUpdate(body), title: pageTitle ?? firstHeading(body) };
}

function plainText(node: JSONContent): string {
  return node.text ?? (node.content ?? []).map(plainText).join('');
}

function firstHeading(body: JSONContent): string | null {
  const heading = body.content?.find((node) => node.type === 'heading');
  const text = heading ? plainText(heading).trim() : '';
  return text || null;
}
