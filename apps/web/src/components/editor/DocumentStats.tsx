'use client';

import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';

/** "1,204 words · 6,981 characters", from the word-count extension. */
export function DocumentStats({ editor }: { editor: Editor }) {
  const { words, characters } = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      words: current.storage.characterCount.words(),
      characters: current.storage.characterCount.characters(),
    }),
  });
  return (
    <p className="document-stats" data-testid="document-stats">
      {words.toLocaleString()} {words === 1 ? 'word' : 'words'} · {characters.toLocaleString()} {characters === 1 ? 'character' : 'characters'}
    </p>
  );
}
