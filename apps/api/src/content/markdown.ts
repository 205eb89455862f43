// Markdown in and out: CommonMark with GitHub's tables, task lists and strikethrough, by each
// extension's own Markdown rules (@tiptap/markdown). What Markdown cannot carry: underline
// (written as ++text++, which GitHub shows literally), column widths, merged cells and a code
// block's highlighting beyond its language. Raw HTML inside Markdown is kept as text: reading
// it would need a DOM on the server, and text can never run.
import type { JSONContent } from '@tiptap/core';
import { markdownRuns } from './markdown-blocks.js';
import { markdown } from './schema.js';

export function toMarkdown(body: JSONContent): string {
  const text = markdown.serialize(body).trim();
  // A text file ends with a newline.
  return text ? `${text}\n` : '';
}

export function fromMarkdown(text: string): JSONContent {
  // In runs of blocks: read whole, a long text costs time in the square of its length.
  const content = markdownRuns(text).flatMap((run) => markdown.parse(run).content ?? []);
  return { type: 'doc', content };
}
