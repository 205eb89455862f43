'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useApiUrl } from '@/app/providers';
import { describeError } from '@/lib/errors';
import { Dialog } from '../ui/Dialog';
import { Snippet } from './Snippet';
import { useSearch } from './use-search';
import './search.css';

/** Ctrl+K, or ⌘K on Apple devices. */
export function quickSwitcherShortcut(): string {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl+K';
}

/**
 * Ctrl/Cmd+K: a search field over every document's title and body; Enter opens the chosen
 * one. Inside the editor the keys belong to the link popover (the editor handles them first).
 */
export function QuickSwitcher() {
  const router = useRouter();
  const apiUrl = useApiUrl();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const { hits, loading, error } = useSearch(query, 8);

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'k') return;
      if ((event.target as HTMLElement | null)?.closest('[contenteditable="true"]')) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(() => setSelected(0), [hits]);
  useEffect(() => {
    if (!open) setQuery('');
  }, [open]);

  const go = (index: number) => {
    const hit = hits[index];
    if (!hit) return;
    setOpen(false);
    router.push(`/d/${hit.document.id}`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setSelected((index) => Math.min(index + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setSelected((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      go(selected);
    }
  };

  return (
    <Dialog open={open} onClose={() => setOpen(false)} labelledBy={titleId} className="quick-switcher">
      <h2 id={titleId} className="visually-hidden">
        Open a document
      </h2>
      <input
        type="search"
        className="search-input"
        placeholder="Open a document by its title or a word in it"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
        autoFocus
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls={`${titleId}-list`}
        aria-activedescendant={hits[selected] ? `${titleId}-${selected}` : undefined}
        data-testid="quick-switcher-input"
      />
      <ul id={`${titleId}-list`} className="search-hits" role="listbox" aria-label="Documents found">
        {hits.map((hit, index) => (
          <li
            key={hit.document.id}
            id={`${titleId}-${index}`}
            role="option"
            aria-selected={index === selected}
            className={`search-hit${index === selected ? ' is-selected' : ''}`}
            onMouseEnter={() => setSelected(index)}
            onClick={() => go(index)}
          >
            <span className="search-hit-title">{hit.document.title || 'Untitled'}</span>
            <Snippet html={hit.snippet} />
          </li>
        ))}
      </ul>
      {query.trim() && !loading && hits.length === 0 ? <p className="muted">{error ? describeError(error, apiUrl) : 'No document matches.'}</p> : null}
    </Dialog>
  );
}
