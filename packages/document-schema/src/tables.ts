// Tables with a header row, resizable columns and merged cells (GitHub-flavoured Markdown
// carries the cells, the header and the alignment, not the widths or merges).
import { renderTableToMarkdown, Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';

/**
 * Tiptap pads each column to its widest cell but adds an aligned column's colons on top of
 * that width in the delimiter row (`| :---- |` under `| abc  |`). Give the colons room inside
 * the width instead, so the columns line up in a text editor.
 */
function alignDelimiterRow(markdown: string): string {
  const lines = markdown.split('\n');
  if (lines[1] !== undefined) {
    lines[1] = lines[1].replace(/:?-+:?/g, (cell) => {
      const left = cell.startsWith(':');
      const right = cell.endsWith(':');
      const width = cell.length - Number(left) - Number(right);
      return `${left ? ':' : ''}${'-'.repeat(width - Number(left) - Number(right))}${right ? ':' : ''}`;
    });
  }
  return lines.join('\n');
}

const TableWithTidyMarkdown = Table.extend({
  // Tiptap also puts a newline of its own before and after the table, which leaves a double
  // blank line around every table in an export: the block separator is the serializer's job.
  renderMarkdown: (node, helpers) => alignDelimiterRow(renderTableToMarkdown(node, helpers).trim()),
});

export const Tables = [TableWithTidyMarkdown.configure({ resizable: true, allowTableNodeSelection: true }), TableRow, TableHeader, TableCell];
