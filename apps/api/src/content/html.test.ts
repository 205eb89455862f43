import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportState, importContent } from './convert.js';
import { sanitize } from './html.js';

const EVERY_CONSTRUCT = readFileSync(new URL('./fixtures/every-construct.md', import.meta.url), 'utf8');

const everyImage = () => true;
const htmlOf = (markdown: string, title = 'Notes') => exportState(importContent('MARKDOWN', markdown, everyImage).update, 'HTML', title);
const importHtml = (html: string) => importContent('HTML', html, everyImage);
const exported = (html: string) => {
  const { update } = importHtml(html);
  return { html: exportState(update, 'HTML', ''), markdown: exportState(update, 'MARKDOWN', '') };
};

describe('HTML export', () => {
  it('is a complete page with the title, escaped, and the body as the editor renders it', () => {
    const html = htmlOf('# Hi\n\n- [x] done\n\n| a | b |\n| - | - |\n| 1 | 2 |\n', 'Q&A <draft>');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Q&amp;A &lt;draft&gt;</title>');
    expect(html).toContain('<h1>Hi</h1>');
    expect(html).toContain('<li data-checked="true" data-type="taskItem">');
    expect(html).toContain('<th colspan="1" rowspan="1"><p>a</p></th>');
  });

  it('carries every construct back in: HTML export then HTML import keeps the Markdown', () => {
    const { markdown } = exported(htmlOf(EVERY_CONSTRUCT));
    expect(markdown).toBe(EVERY_CONSTRUCT);
  });
});

describe('HTML import', () => {
  it('reads what other editors write: headings, lists, quotes, code, tables, links, emphasis', () => {
    const { markdown } = exported(
      '<h2>Plan</h2><p>A <b>bold</b> and <i>slanted</i> <a href="https://example.com">link</a></p>' +
        '<ul><li>one</li><li>two</li></ul><blockquote><p>quoted</p></blockquote>' +
        '<pre><code class="language-python">print(1)</code></pre>' +
        '<table><thead><tr><th>k</th><th>v</th></tr></thead><tbody><tr><td>x</td><td>1</td></tr></tbody></table>',
    );
    expect(markdown).toBe(
      '## Plan\n\nA **bold** and *slanted* [link](https://example.com)\n\n- one\n- two\n\n> quoted\n\n```python\nprint(1)\n```\n\n' +
        '| k   | v   |\n| --- | --- |\n| x   | 1   |\n',
    );
  });

  it('takes the page title as the suggested title, else the first heading', () => {
    expect(importHtml('<html><head><title> Minutes </title></head><body><h1>Other</h1></body></html>').title).toBe('Minutes');
    expect(importHtml('<p>x</p><h3>Heading</h3>').title).toBe('Heading');
  });

  // Whatever an attacker puts in a file, the document it becomes holds text and safe links only.
  it.each([
    ['a script', '<p>kept</p><script>alert(1)</script>'],
    ['a script in the head', '<html><head><script>alert(1)</script></head><body><p>kept</p></body></html>'],
    ['an onerror handler', '<p>kept</p><img src="x" onerror="alert(1)">'],
    ['an onclick handler', '<p onclick="alert(1)">kept</p>'],
    ['a javascript: link', '<p><a href="javascript:alert(1)">kept</a></p>'],
    ['a javascript: link in mixed case with spaces', '<p><a href="  JaVaScRiPt:alert(1)">kept</a></p>'],
    ['an entity-encoded javascript: link', '<p><a href="javascript&#58;alert(1)">kept</a></p>'],
    ['a tab-split javascript: link', '<p><a href="java\tscript:alert(1)">kept</a></p>'],
    ['a data: link', '<p><a href="data:text/html,<script>alert(1)</script>">kept</a></p>'],
    ['an svg with onload', '<p>kept</p><svg onload="alert(1)"><script>alert(1)</script></svg>'],
    ['an iframe', '<p>kept</p><iframe src="javascript:alert(1)"></iframe>'],
    ['a style that loads', '<p style="background:url(javascript:alert(1))">kept</p><style>@import "x"</style>'],
    ['a form', '<form action="javascript:alert(1)"><p>kept</p><button formaction="javascript:alert(1)">go</button></form>'],
  ])('never keeps %s', (_, attack) => {
    // Two layers, each enough alone: the sanitiser, then the schema's parse rules (which only
    // read what they know) with the link check.
    const { html, markdown } = exported(attack);
    for (const out of [sanitize(attack), html, markdown]) {
      expect(out).toContain('kept');
      expect(out).not.toMatch(/<script|onerror|onclick|onload|javascript|data:|<iframe|<img|<svg|<form|formaction|url\(/i);
    }
  });

  it('keeps this server’s images, and makes other images links to where they were', () => {
    const ours = 'https://tandem.example/images/0a1b2c3d-1111-4222-8333-444455556666';
    const { markdown } = exported(
      `<p><img src="${ours}" alt="ours"> <img src="https://elsewhere.example/pixel.png" alt="theirs"> <img src="data:image/png;base64,iVBORw0KGgo="></p>`,
    );
    expect(markdown).toBe(`![ours](${ours}) [theirs](https://elsewhere.example/pixel.png) image\n`);
  });

  it('keeps safe links', () => {
    const { markdown } = exported('<p><a href="https://example.com/a?b=1">web</a> <a href="mailto:a@example.com">mail</a> <a href="/relative">rel</a></p>');
    expect(markdown).toBe('[web](https://example.com/a?b=1) [mail](mailto:a@example.com) [rel](/relative)\n');
  });
});
