/** Ctrl+Alt+M, or ⌥⌘M on Apple devices: comment on the selection (as in Google Docs). */
export function commentShortcutLabel(): string {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌥⌘M' : 'Ctrl+Alt+M';
}

export const COMMENT_SHORTCUT_ARIA = 'Control+Alt+M Meta+Alt+M';

export function isCommentShortcut(event: KeyboardEvent): boolean {
  // event.code: with Alt held, some layouts turn M into another character.
  return (event.ctrlKey || event.metaKey) && event.altKey && (event.code === 'KeyM' || event.key.toLowerCase() === 'm');
}
