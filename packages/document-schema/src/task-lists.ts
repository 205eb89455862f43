// Checklists: "- [ ] " / "- [x] " in Markdown, nestable.
import { TaskItem, TaskList } from '@tiptap/extension-list';

export const TaskLists = [TaskList, TaskItem.configure({ nested: true })];
