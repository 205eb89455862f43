// Paragraphs, headings, lists, quotes, rules, hard breaks and the inline marks (bold,
// italic, underline, strike, inline code): Tiptap's StarterKit, minus what is configured in
// a file of its own or does not belong in a shared document.
import { StarterKit } from '@tiptap/starter-kit';

export const Basics = StarterKit.configure({
  // Yjs keeps the history: undo must only undo your own changes, not a collaborator's
  // (the collaboration extension brings its own undo).
  undoRedo: false,
  // Replaced by the highlighted code block (code-blocks.ts) and the configured links (links.ts).
  codeBlock: false,
  link: false,
});
