'use client';

import { useLazyQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { SEARCH, type SearchHit } from '@/lib/find-operations';

/** Waits this long after the last keystroke before asking (search is an expensive read). */
const TYPING_PAUSE = 250;

/** Search results for what is typed, asked once typing pauses; empty for an empty query. */
export function useSearch(query: string, first = 10): { hits: SearchHit[]; loading: boolean; error: unknown } {
  const [run, { data, loading, error }] = useLazyQuery(SEARCH, { fetchPolicy: 'network-only' });
  const [asked, setAsked] = useState('');
  const trimmed = query.trim();
  useEffect(() => {
    if (!trimmed) {
      setAsked('');
      return;
    }
    const timer = setTimeout(() => {
      setAsked(trimmed);
      void run({ variables: { query: trimmed, first } }).catch(() => {});
    }, TYPING_PAUSE);
    return () => clearTimeout(timer);
  }, [trimmed, first, run]);
  const hits = trimmed && asked ? (data?.search.nodes ?? []) : [];
  return { hits, loading: Boolean(trimmed) && (loading || asked !== trimmed), error: trimmed ? error : undefined };
}
