'use client';

import { useEffect } from 'react';

// Ctrl+Alt+Shift+H (⌘⌥⇧H on a Mac) is what Google Docs uses for version history, so some
// hands know it already, and no browser or OS binds it. `code`, not `key`: with Alt held a
// Mac types "Ó" rather than "h".
export function isHistoryShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && event.altKey && event.shiftKey && event.code === 'KeyH';
}

export const HISTORY_SHORTCUT_ARIA = 'Control+Alt+Shift+H Meta+Alt+Shift+H';

export function historyShortcutLabel(): string {
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  return mac ? '⌘⌥⇧H' : 'Ctrl+Alt+Shift+H';
}

/** Calls `onToggle` when the history shortcut is pressed anywhere on the page. */
export function useHistoryShortcut(onToggle: () => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isHistoryShortcut(event)) return;
      event.preventDefault();
      onToggle();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onToggle, enabled]);
}
