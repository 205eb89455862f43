// Counts words and characters as the document changes (WordCount.tsx shows them).
import { CharacterCount } from '@tiptap/extensions';

export const WordCount = CharacterCount.configure({ mode: 'textSize' });
