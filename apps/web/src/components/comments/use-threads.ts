'use client';

import type { CommentThread } from '@tandem/provider';
import { useEffect, useState } from 'react';
import type { Session } from '../editor/use-collaboration';

/** The document's comment threads, live (the provider's watchThreads, on any transport). */
export function useThreads(session: Session | null): CommentThread[] {
  const [threads, setThreads] = useState<CommentThread[]>([]);
  useEffect(() => {
    if (!session) return;
    return session.provider.watchThreads(setThreads);
  }, [session]);
  return threads;
}
