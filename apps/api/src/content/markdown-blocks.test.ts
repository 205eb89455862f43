import { describe, expect, it } from 'vitest';
import { markdownRuns } from './markdown-blocks.js';
import { markdown } from './schema.js';

const SECTION = `## Section

Text with **bold** and a [link](https://example.com).

- a loose list

- whose items are apart
  - and nested

1. ordered

2. loose too

> a quote
>
> of two paragraphs

\`\`\`
code with a blank line

Not a heading: still code
\`\`\`

<!-- a comment

Still the comment -->

| a | b |
| - | - |
| 1 | 2 |

`;

describe('markdownRuns', () => {
  const long = SECTION.repeat(200);

  it('keeps a short text whole', () => {
    expect(markdownRuns(SECTION)).toEqual([SECTION]);
  });

  it('splits a long text into runs that put it back together exactly', () => {
    const runs = markdownRuns(long);
    expect(runs.length).toBeGreaterThan(2);
    expect(runs.join('\n')).toBe(long);
  });

  it('reads the same document in runs as in one piece', () => {
    const whole = markdown.parse(long).content;
    const inRuns = markdownRuns(long).flatMap((run) => markdown.parse(run).content ?? []);
    expect(inRuns).toEqual(whole);
  });

  it('never ends a run inside fenced code, a comment, a loose list or a quote', () => {
    for (const run of markdownRuns(long)) {
      expect(run.match(/```/g)?.length ?? 0).toBe(run.split('```').length - 1);
      expect((run.match(/```/g)?.length ?? 0) % 2).toBe(0);
      expect((run.match(/<!--/g)?.length ?? 0)).toBe(run.match(/-->/g)?.length ?? 0);
      // What is inside code, a comment, a loose list or a quote never starts a run.
      expect(run).not.toMatch(/^(Not a heading|Still the comment|- whose|2\. loose|>)/);
    }
  });

  it('reads a text with link reference definitions whole (they apply to all of it)', () => {
    const text = `${long}[ref]: https://example.com\n`;
    expect(markdownRuns(text)).toEqual([text]);
  });
});
