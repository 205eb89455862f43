// Every kind of block a person can make, once: the slash menu lists these, and the
// formatting menu's "Turn into" offers the same ones. `markdown` is the shortcut typed at the
// start of a line that makes the same block (shown as a hint, so the menu teaches it).
import type { ChainedCommands, Editor } from '@tiptap/core';

export interface BlockCommand {
  readonly id: string;
  readonly title: string;
  /** Other words people search for it by. */
  readonly keywords: readonly string[];
  /** What to type instead, when there is a Markdown shortcut. */
  readonly markdown?: string;
  readonly isActive: (editor: Editor) => boolean;
  /** Whether it can "turn" the current block into this kind (inserting blocks cannot). */
  readonly turnsInto: boolean;
  readonly run: (chain: ChainedCommands) => ChainedCommands;
}

const heading = (level: 1 | 2 | 3): BlockCommand => ({
  id: `heading-${level}`,
  title: `Heading ${level}`,
  keywords: ['title', `h${level}`],
  markdown: `${'#'.repeat(level)} `,
  isActive: (editor) => editor.isActive('heading', { level }),
  turnsInto: true,
  run: (chain) => chain.setHeading({ level }),
});

export const BLOCK_COMMANDS: readonly BlockCommand[] = [
  {
    id: 'paragraph',
    title: 'Text',
    keywords: ['paragraph', 'plain'],
    isActive: (editor) => editor.isActive('paragraph') && !editor.isActive('bulletList') && !editor.isActive('orderedList') && !editor.isActive('taskList') && !editor.isActive('blockquote'),
    turnsInto: true,
    run: (chain) => chain.clearNodes().setParagraph(),
  },
  heading(1),
  heading(2),
  heading(3),
  {
    id: 'bullet-list',
    title: 'Bulleted list',
    keywords: ['unordered', 'ul', 'points'],
    markdown: '- ',
    isActive: (editor) => editor.isActive('bulletList'),
    turnsInto: true,
    run: (chain) => chain.toggleBulletList(),
  },
  {
    id: 'ordered-list',
    title: 'Numbered list',
    keywords: ['ordered', 'ol', '1.'],
    markdown: '1. ',
    isActive: (editor) => editor.isActive('orderedList'),
    turnsInto: true,
    run: (chain) => chain.toggleOrderedList(),
  },
  {
    id: 'task-list',
    title: 'Task list',
    keywords: ['todo', 'checkbox', 'checklist'],
    markdown: '[ ] ',
    isActive: (editor) => editor.isActive('taskList'),
    turnsInto: true,
    run: (chain) => chain.toggleTaskList(),
  },
  {
    id: 'quote',
    title: 'Quote',
    keywords: ['blockquote', 'citation'],
    markdown: '> ',
    isActive: (editor) => editor.isActive('blockquote'),
    turnsInto: true,
    run: (chain) => chain.toggleBlockquote(),
  },
  {
    id: 'code-block',
    title: 'Code block',
    keywords: ['code', 'snippet', 'pre'],
    markdown: '``` ',
    isActive: (editor) => editor.isActive('codeBlock'),
    turnsInto: true,
    run: (chain) => chain.setCodeBlock(),
  },
  {
    id: 'table',
    title: 'Table',
    keywords: ['grid', 'rows', 'columns'],
    markdown: '| a | b | ⏎',
    isActive: (editor) => editor.isActive('table'),
    turnsInto: false,
    run: (chain) => chain.insertTable({ rows: 3, cols: 3, withHeaderRow: true }),
  },
  {
    id: 'image',
    title: 'Image',
    keywords: ['picture', 'photo', 'upload', 'img'],
    markdown: 'paste or drop',
    isActive: () => false,
    turnsInto: false,
    run: (chain) =>
      chain.command(({ editor }) => {
        pickImageFiles((files) => editor.commands.uploadImages(files));
        return true;
      }),
  },
  {
    id: 'divider',
    title: 'Divider',
    keywords: ['horizontal rule', 'hr', 'line', 'separator'],
    markdown: '---',
    isActive: () => false,
    turnsInto: false,
    run: (chain) => chain.setHorizontalRule(),
  },
];

/** The commands whose title or keywords start with, or contain, what was typed after "/". */
export function matchBlockCommands(query: string): BlockCommand[] {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return [...BLOCK_COMMANDS];
  const words = (command: BlockCommand) => [command.title, ...command.keywords].map((word) => word.toLowerCase());
  const starts = BLOCK_COMMANDS.filter((command) => words(command).some((word) => word.startsWith(wanted)));
  const contains = BLOCK_COMMANDS.filter((command) => !starts.includes(command) && words(command).some((word) => word.includes(wanted)));
  return [...starts, ...contains];
}

/** Opens the system's file picker for images (a keystroke or a tap is the gesture it needs). */
function pickImageFiles(picked: (files: File[]) => void): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = 'image/png,image/jpeg,image/gif,image/webp';
  input.multiple = true;
  input.addEventListener('change', () => picked(Array.from(input.files ?? [])), { once: true });
  input.click();
}
