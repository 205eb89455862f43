import { describe, expect, it } from 'vitest';
import { isSafeHref, withSafeLinks } from './links.js';

describe('isSafeHref', () => {
  it.each(['https://example.com', 'http://a.example/b?c=d#e', 'mailto:ada@example.com', 'tel:+4412345', '/relative/path', '#anchor'])(
    'takes %s',
    (href) => expect(isSafeHref(href)).toBe(true),
  );
  it.each(['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '', null, undefined])(
    'refuses %s',
    (href) => expect(isSafeHref(href)).toBe(false),
  );
});

describe('withSafeLinks', () => {
  it('drops unsafe link marks and keeps the text, and everything else', () => {
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'bad', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }, { type: 'bold' }] },
            { type: 'text', text: 'good', marks: [{ type: 'link', attrs: { href: 'https://example.com' } }] },
          ],
        },
      ],
    };
    expect(withSafeLinks(doc)).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'bad', marks: [{ type: 'bold' }] },
            { type: 'text', text: 'good', marks: [{ type: 'link', attrs: { href: 'https://example.com' } }] },
          ],
        },
      ],
    });
  });
});
