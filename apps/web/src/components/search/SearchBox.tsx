'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import { useApiUrl } from '@/app/providers';
import { describeError } from '@/lib/errors';
import { Snippet } from './Snippet';
import { useSearch } from './use-search';
import './search.css';

/** The documents page's search: titles and bodies of everything the person may see. */
export function SearchBox() {
  const apiUrl = useApiUrl();
  const inputId = useId();
  const [query, setQuery] = useState('');
  const { hits, loading, error } = useSearch(query);
  const searching = query.trim().length > 0;
  return (
    <section className="search-box" role="search" aria-label="Search documents">
      <label htmlFor={inputId} className="visually-hidden">
        Search documents
      </label>
      <input
        id={inputId}
        type="search"
        className="search-input"
        placeholder="Search documents: words, “a phrase”, -without"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        autoComplete="off"
        data-testid="search-input"
      />
      {searching ? (
        <div className="search-results" aria-live="polite" data-testid="search-results">
          {error ? (
            <p className="muted">{describeError(error, apiUrl)}</p>
          ) : loading && hits.length === 0 ? (
            <p className="muted" aria-busy="true">
              Searching…
            </p>
          ) : hits.length === 0 ? (
            <p className="muted">No document matches.</p>
          ) : (
            <ul className="search-hits">
              {hits.map((hit) => (
                <li key={hit.document.id} className="search-hit">
                  <Link href={`/d/${hit.document.id}`} className="search-hit-title">
                    {hit.document.title || 'Untitled'}
                  </Link>
                  <Snippet html={hit.snippet} />
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}
