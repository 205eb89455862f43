import { Fragment } from 'react';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The API's escaping undone: the text is rendered by React, which escapes it again. */
function unescape(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * A search snippet: matched words in <mark>. Rendered as text and <mark> elements, never as
 * HTML, so nothing in a document's body can become markup here.
 */
export function Snippet({ html }: { html: string }) {
  const parts = html.split(/(<mark>.*?<\/mark>)/g);
  return (
    <span className="snippet">
      {parts.map((part, index) =>
        part.startsWith('<mark>') && part.endsWith('</mark>') ? (
          <mark key={index}>{unescape(part.slice('<mark>'.length, -'</mark>'.length))}</mark>
        ) : (
          <Fragment key={index}>{unescape(part)}</Fragment>
        ),
      )}
    </span>
  );
}
