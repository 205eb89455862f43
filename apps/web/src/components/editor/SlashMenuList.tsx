'use client';

import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { BlockCommand } from './extensions/block-commands';

export interface SlashMenuListProps {
  items: BlockCommand[];
  query: string;
  onPick: (command: BlockCommand) => void;
}

export interface SlashMenuHandle {
  /** Keys typed while the menu is open; true when the menu used the key. */
  onKeyDown: (event: KeyboardEvent) => boolean;
}

/** The list the slash menu shows at the caret (rendered by extensions/slash-menu.ts). */
export const SlashMenuList = forwardRef<SlashMenuHandle, SlashMenuListProps>(function SlashMenuList({ items, query, onPick }, ref) {
  const [selected, setSelected] = useState(0);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => setSelected(0), [query]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  useImperativeHandle(ref, () => ({
    onKeyDown: (event) => {
      if (items.length === 0) return false;
      if (event.key === 'ArrowDown') {
        setSelected((index) => (index + 1) % items.length);
        return true;
      }
      if (event.key === 'ArrowUp') {
        setSelected((index) => (index - 1 + items.length) % items.length);
        return true;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        const command = items[selected];
        if (command) onPick(command);
        return true;
      }
      return false;
    },
  }));

  if (items.length === 0) {
    return (
      <div className="slash-menu" data-testid="slash-menu">
        <p className="slash-menu-empty">No block called “{query}”</p>
      </div>
    );
  }

  return (
    <div className="slash-menu" data-testid="slash-menu">
      <ul className="slash-menu-list" role="listbox" aria-label="Insert a block" ref={list}>
        {items.map((command, index) => (
          <li
            key={command.id}
            role="option"
            aria-selected={index === selected}
            className="slash-menu-item"
            data-command={command.id}
            // mousedown, not click: the editor must keep its selection (and focus) meanwhile.
            onMouseDown={(event) => {
              event.preventDefault();
              onPick(command);
            }}
            onMouseEnter={() => setSelected(index)}
          >
            <span className="slash-menu-title">{command.title}</span>
            {command.markdown ? <kbd className="slash-menu-hint">{command.markdown}</kbd> : null}
          </li>
        ))}
      </ul>
    </div>
  );
});
