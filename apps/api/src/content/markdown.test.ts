import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportState, importContent } from './convert.js';

/** Import, then export: through the Y.Doc, as importDocument and Document.export do (every image known). */
const roundTrip = (markdown: string) => exportState(importContent('MARKDOWN', markdown, () => true).update, 'MARKDOWN', '');

// Headings (1-4), bold, italic, strikethrough, underline, inline code, a link with a title,
// escaped characters, a hard break, nested bullet and ordered lists, nested task lists
// (checked and not), a quote of two paragraphs, code blocks with and without a language, a
// rule, a table with a header row, alignment and formatting in its cells, and images (inline,
// and alone in a paragraph).
const EVERY_CONSTRUCT = readFileSync(new URL('./fixtures/every-construct.md', import.meta.url), 'utf8');

describe('Markdown', () => {
  it('gives back the same Markdown after a round trip using every construct', () => {
    expect(roundTrip(EVERY_CONSTRUCT)).toBe(EVERY_CONSTRUCT);
  });

  it('writes Markdown as people type it in one tidy form, which then round-trips unchanged', () => {
    const typed = '* one\n* two\n\n| a | b |\n|:-|-:|\n| 1 | 22 |\n\n_it_ and __bold__\n';
    const tidy = roundTrip(typed);
    expect(tidy).toBe('- one\n- two\n\n| a   | b   |\n| :-- | --: |\n| 1   | 22  |\n\n*it* and **bold**\n');
    expect(roundTrip(tidy)).toBe(tidy);
  });

  it('keeps a javascript: link’s text but not the link', () => {
    expect(roundTrip('[click](javascript:alert(1)) and [ok](https://example.com)\n')).toBe('click and [ok](https://example.com)\n');
  });

  it('keeps images this server has, and makes others links to where they were', () => {
    const ours = 'https://tandem.example/images/0a1b2c3d-1111-4222-8333-444455556666';
    const markdown = `![ours](${ours}) and ![theirs](https://elsewhere.example/pixel.png) and ![](https://elsewhere.example/a.png)\n`;
    const kept = (id: string) => id === '0a1b2c3d-1111-4222-8333-444455556666';
    expect(exportState(importContent('MARKDOWN', markdown, kept).update, 'MARKDOWN', '')).toBe(
      `![ours](${ours}) and [theirs](https://elsewhere.example/pixel.png) and [https://elsewhere.example/a.png](https://elsewhere.example/a.png)\n`,
    );
    // An image this server does not have (an id from another server, or made up) is a link too.
    expect(exportState(importContent('MARKDOWN', `![ours](${ours})\n`, () => false).update, 'MARKDOWN', '')).toBe(`[ours](${ours})\n`);
  });

  it('keeps raw HTML as text, which cannot run', () => {
    const out = roundTrip('before <script>alert(1)</script> after\n');
    expect(out).not.toContain('<script');
    expect(importContentText('before <script>alert(1)</script> after\n')).toContain('<script>alert(1)</script>');
  });

  it('turns an empty file into an empty document, and exports that as an empty file', () => {
    expect(roundTrip('')).toBe('');
  });

  it('suggests the first heading as the title', () => {
    expect(importContent('MARKDOWN', 'intro\n\n## The **real** title\n\n# Later\n').title).toBe('The real title');
    expect(importContent('MARKDOWN', 'no heading here\n').title).toBeNull();
  });
});

/** The imported document's HTML, where raw HTML from Markdown must show as escaped text. */
function importContentText(markdown: string): string {
  return exportState(importContent('MARKDOWN', markdown).update, 'HTML', '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
