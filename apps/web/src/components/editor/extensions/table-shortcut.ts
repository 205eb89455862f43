// The Markdown shortcut for a table: type a header row such as "| Name | Role |" on an empty
// line and press Enter; it becomes a table with those headers and one empty row, the caret in
// its first cell. (Every other block has its shortcut in its own extension: "# ", "- ",
// "1. ", "[ ] ", "> ", "```", "---".)
import { Extension } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';

const HEADER_ROW = /^\s*\|(.+\|)+\s*$/;

/** "| a | b |" -> ["a", "b"]; null when the text is not a header row. */
export function headerCells(text: string): string[] | null {
  if (!HEADER_ROW.test(text)) return null;
  const cells = text.trim().slice(1, -1).split('|').map((cell) => cell.trim());
  return cells.length > 0 ? cells : null;
}

export const TableShortcut = Extension.create({
  name: 'tableShortcut',

  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => {
        const { $from, empty } = editor.state.selection;
        const block = $from.parent;
        if (!empty || block.type.name !== 'paragraph' || $from.parentOffset !== block.content.size) return false;
        // Only a paragraph of its own: not inside a list, a quote or another table.
        if ($from.depth !== 1) return false;
        const cells = headerCells(block.textContent);
        if (!cells) return false;
        const cell = (type: string, text: string) => ({
          type,
          content: [{ type: 'paragraph', ...(text ? { content: [{ type: 'text', text }] } : {}) }],
        });
        const table = {
          type: 'table',
          content: [
            { type: 'tableRow', content: cells.map((text) => cell('tableHeader', text)) },
            { type: 'tableRow', content: cells.map(() => cell('tableCell', '')) },
          ],
        };
        const from = $from.before();
        return editor
          .chain()
          .insertContentAt({ from, to: $from.after() }, table)
          .command(({ tr }) => {
            // Into the first cell of the body row, past the table, the header row (2 + each
            // header cell's text + 4), the body row, its first cell and that cell's paragraph.
            const headerRow = 2 + cells.reduce((size, text) => size + text.length + 4, 0);
            tr.setSelection(TextSelection.near(tr.doc.resolve(from + 1 + headerRow + 3)));
            return true;
          })
          .run();
      },
    };
  },
});
