// HTML in and out. Out: each node's own renderHTML (@tiptap/static-renderer, plain strings, no
// DOM), wrapped in a complete page so a downloaded file opens with the right characters.
// In: sanitised first (sanitize-html: only the tags and attributes the schema reads, only
// ordinary link protocols), then read by the schema's parse rules in happy-dom with scripts,
// files and frames switched off, as @tiptap/html does on a server. What HTML cannot carry
// back in: anything the editor does not have (colours, fonts, layout); images from elsewhere
// come in as links to them.
import type { JSONContent } from '@tiptap/core';
import { documentSchema, imageIdOf } from '@tandem/document-schema';
import { DOMParser as SchemaParser } from '@tiptap/pm/model';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import { Window } from 'happy-dom';
import sanitizeHtml from 'sanitize-html';
import { schema } from './schema.js';

// --- out -------------------------------------------------------------------------------------

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function toHtml(body: JSONContent, title: string): string {
  const content = renderToHTMLString({ extensions: documentSchema, content: body });
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>${escapeText(title)}</title>
</head>
<body>
${content}
</body>
</html>
`;
}

// --- in --------------------------------------------------------------------------------------

/** What the schema's parse rules read, and nothing else. */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'hr', 'br',
    'ul', 'ol', 'li', 'label', 'input', 'div', 'span',
    'table', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
    'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'del', 'a', 'img',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title'],
    ol: ['start', 'type'],
    ul: ['data-type'],
    li: ['data-type', 'data-checked'],
    input: ['type', 'checked'],
    code: ['class'],
    col: ['width'],
    th: ['colspan', 'rowspan', 'colwidth', 'align', 'style'],
    td: ['colspan', 'rowspan', 'colwidth', 'align', 'style'],
    p: ['style'],
  },
  allowedClasses: { code: [/^language-[\w+#.-]+$/] },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  // Links only: mailto and tel are links people write; javascript:, data:, vbscript: are not.
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // Dropped with what they hold (the rest lose their tag and keep their text).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'iframe', 'object', 'embed', 'svg', 'math'],
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
  // An image from elsewhere becomes a link to it (with its alt text): readers' browsers never
  // fetch from a site an imported file names. Tandem's own images stay images.
  transformTags: {
    img: (tagName, attribs): sanitizeHtml.Tag => {
      if (imageIdOf(attribs.src)) return { tagName, attribs };
      const src = attribs.src ?? '';
      const link: sanitizeHtml.Attributes = src ? { href: src } : {};
      const text = (attribs.alt ?? '').trim() || (/^https?:/i.test(src) ? src : 'image');
      return { tagName: 'a', attribs: link, text };
    },
  },
};

/** HTML with only what the editor can hold left in it; nothing in it can run or load. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

export interface ParsedHtml {
  body: JSONContent;
  /** The page's <title>, when it has one. */
  title: string | null;
}

export function fromHtml(html: string): ParsedHtml {
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  try {
    const parser = new window.DOMParser();
    const title = parser.parseFromString(html, 'text/html').title.trim() || null;
    const document = parser.parseFromString(`<!DOCTYPE html><html><body>${sanitize(html)}</body></html>`, 'text/html');
    // happy-dom's elements are DOM elements for every purpose the parse rules have.
    const body = SchemaParser.fromSchema(schema).parse(document.body as unknown as globalThis.Node).toJSON() as JSONContent;
    return { body, title };
  } finally {
    void window.happyDOM.abort();
    void window.happyDOM.close();
  }
}
