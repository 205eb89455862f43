// Pasting Markdown as plain text (from a README, a chat, a .md file) gives the blocks it
// describes, not one line of pipes and hashes: a table stays a table. Only plain text that
// looks like Markdown is read this way; rich pastes (with HTML) keep going through the
// schema's own parse rules, and text pasted into code stays exactly as it was.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { MarkdownManager } from '@tiptap/markdown';
import { documentSchema, withSafeLinks } from '@tandem/document-schema';

/** A line that only Markdown writes: a heading, a list item, a quote, a fence, a table row. */
const MARKDOWN_LINE = /^(#{1,6} \S|\s*([-*+]|\d+[.)]) \S|\s*[-*+] \[[ xX]\] |> |```|~~~|\|.*\|\s*$)/m;
const TABLE_DELIMITER = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)+\|?\s*$/m;

export function looksLikeMarkdown(text: string): boolean {
  return TABLE_DELIMITER.test(text) || (text.includes('\n') && MARKDOWN_LINE.test(text));
}

let manager: MarkdownManager | null = null;

export const MarkdownPaste = Extension.create({
  name: 'markdownPaste',

  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey('markdownPaste'),
        props: {
          handlePaste: (view, event) => {
            const data = event.clipboardData;
            if (!data || data.getData('text/html') || data.files.length > 0) return false;
            if (view.state.selection.$from.parent.type.spec.code) return false;
            const text = data.getData('text/plain');
            if (!looksLikeMarkdown(text)) return false;
            manager ??= new MarkdownManager({ extensions: documentSchema });
            const parsed = withSafeLinks(manager.parse(text));
            if (!parsed.content?.length) return false;
            return editor.commands.insertContent(parsed.content);
          },
        },
      }),
    ];
  },
});
