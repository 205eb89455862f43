// What an empty block says before anyone types: how to start, and where the slash menu is.
import { Placeholder } from '@tiptap/extensions';

export const Placeholders = Placeholder.configure({
  placeholder: ({ node, editor }) => {
    if (node.type.name === 'heading') return `Heading ${node.attrs.level as number}`;
    if (editor.isEmpty) return 'Start writing, or type / to add a list, a table, code…';
    return 'Type / for blocks';
  },
  // Table cells and list items show nothing: "Type / for blocks" in each cell would be noise.
  includeChildren: false,
});
