'use client';

import { useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useState } from 'react';
import { VERSIONS, VERSIONS_PAGE_SIZE, type VersionSummary } from '@/lib/operations';

// Versions appear while people edit (automatic ones after a pause or every few minutes, and
// anyone may name one). The provider reports each new one (documentChanged), and the newest
// page is asked for then; until it has reported, look now and then. Only the newest page is
// asked for; the older pages already shown are kept (see the merge in lib/apollo.ts).
const REFRESH_INTERVAL = 30_000;

export interface Versions {
  readonly versions: VersionSummary[];
  /** False until the first page has arrived. */
  readonly loaded: boolean;
  /** The server says there is no such document (any more). */
  readonly gone: boolean;
  /** The last request's error (the list may still show what an earlier one brought). */
  readonly error: unknown;
  readonly hasNextPage: boolean;
  readonly loadingMore: boolean;
  readonly refreshing: boolean;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
}

/**
 * The versions of a document, newest first, a page at a time; nothing is asked while not
 * `active`. `latestVersion` is the newest version's number as the provider reports it
 * (undefined until it has): a change brings the newest page.
 */
export function useVersions(documentId: string, active: boolean, latestVersion?: number | null): Versions {
  const live = latestVersion !== undefined;
  const { data, previousData, error, loading, fetchMore, refetch } = useQuery(VERSIONS, {
    variables: { id: documentId, first: VERSIONS_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    pollInterval: live ? 0 : REFRESH_INTERVAL,
    notifyOnNetworkStatusChange: true,
    // A refresh goes through the merge in lib/apollo.ts like a poll does, so the older pages
    // already shown stay; by default refetch() would overwrite the list with its first page.
    refetchWritePolicy: 'merge',
    skip: !active,
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const connection = (data ?? previousData)?.document?.snapshots;
  const endCursor = connection?.pageInfo.endCursor ?? null;

  const loadMore = useCallback(async () => {
    if (!endCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      await fetchMore({ variables: { after: endCursor } });
    } catch (caught) {
      setMoreError(caught);
    } finally {
      setLoadingMore(false);
    }
  }, [endCursor, fetchMore]);

  const refresh = useCallback(async () => {
    setMoreError(null);
    await refetch().catch(() => {
      // Shown through `error`.
    });
  }, [refetch]);

  // A newer version than the list shows: ask for the newest page (once the first has come).
  const newestShown = connection === undefined ? undefined : (connection.nodes[0]?.version ?? null);
  useEffect(() => {
    if (active && live && newestShown !== undefined && latestVersion !== newestShown) void refresh();
  }, [active, live, latestVersion, newestShown, refresh]);

  return {
    versions: connection?.nodes ?? [],
    loaded: connection !== undefined,
    gone: data?.document === null,
    error: error ?? moreError,
    hasNextPage: connection?.pageInfo.hasNextPage ?? false,
    loadingMore,
    refreshing: loading && connection !== undefined && !loadingMore,
    loadMore,
    refresh,
  };
}
