// Splits a long Markdown text into runs of top-level blocks that can be read one at a time.
//
// Why: Tiptap's Markdown extensions (lists, task lists) look at all of the remaining text at
// every block, so reading one text costs time in the square of its length: 1 MB took two
// minutes in one piece, on the event loop every request shares (bench: BENCH_ONLY=content).
// Read in runs, it is linear.
//
// A run ends only where CommonMark guarantees nothing before can continue: after a blank
// line, at a line that starts in its first column and begins neither a list item, a quote nor
// a table row (which could belong to a loose list or quote above), and never inside a fenced
// code block or an HTML block that ends at a marker of its own (comments, <pre>, <script>).
// A text with link reference definitions ([id]: url) is read whole: they apply to all of it.

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_BLOCK = [
  { open: /^ {0,3}<(script|pre|style|textarea)(\s|>|$)/i, close: /<\/(script|pre|style|textarea)>/i },
  { open: /^ {0,3}<!--/, close: /-->/ },
  { open: /^ {0,3}<\?/, close: /\?>/ },
  { open: /^ {0,3}<![A-Za-z]/, close: />/ },
  { open: /^ {0,3}<!\[CDATA\[/, close: /\]\]>/ },
];
const CONTINUES_ABOVE = /^([-+*]|\d{1,9}[.)]|>|\|)/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S/m;

/** Aim for runs about this long: short enough to be cheap, long enough to be few. */
const RUN_CHARS = 16 * 1024;

export function markdownRuns(text: string): string[] {
  if (text.length <= RUN_CHARS || REFERENCE_DEFINITION.test(text)) return [text];
  const lines = text.split('\n');
  const runs: string[] = [];
  let start = 0;
  let length = 0;
  let fence: string | null = null;
  let html: RegExp | null = null;
  let previousBlank = false;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const canEndHere = fence === null && html === null && previousBlank && line !== '' && !/^\s/.test(line) && !CONTINUES_ABOVE.test(line);
    if (canEndHere && length >= RUN_CHARS) {
      runs.push(lines.slice(start, index).join('\n'));
      start = index;
      length = 0;
    }
    length += line.length + 1;
    if (fence !== null) {
      const closing = FENCE.exec(line)?.[1];
      if (closing && closing[0] === fence[0] && closing.length >= fence.length && line.trim() === closing) fence = null;
    } else if (html !== null) {
      if (html.test(line)) html = null;
    } else {
      const opening = FENCE.exec(line)?.[1];
      if (opening) fence = opening;
      else {
        const block = HTML_BLOCK.find((candidate) => candidate.open.test(line));
        if (block && !block.close.test(line)) html = block.close;
      }
    }
    previousBlank = line.trim() === '';
  }
  runs.push(lines.slice(start).join('\n'));
  return runs;
}
