'use client';

import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { VERSION_SUMMARY, type RestoredVersion } from '@/lib/content-operations';
import { Notice } from '../ui/Notice';

/**
 * Tells everyone with the document open that someone restored a version: their text just
 * changed under them, and what was there before is kept in the history. Watches the newest
 * version number (documentChanged, through the provider) and looks at a new version only.
 */
export function RestoreNotice({
  documentId,
  latestVersion,
  onOpenHistory,
}: {
  documentId: string;
  /** undefined until the provider reports the document; null while it has no version. */
  latestVersion: number | null | undefined;
  onOpenHistory: () => void;
}) {
  const apollo = useApolloClient();
  const seen = useRef<number | null | undefined>(undefined);
  const [restored, setRestored] = useState<RestoredVersion | null>(null);

  useEffect(() => {
    if (latestVersion === undefined) return;
    const previous = seen.current;
    seen.current = latestVersion;
    // The version the page opened with is not news; only one stored while it is open.
    if (previous === undefined || latestVersion === null || (previous !== null && latestVersion <= previous)) return;
    let cancelled = false;
    apollo
      .query({ query: VERSION_SUMMARY, variables: { id: documentId, version: latestVersion }, fetchPolicy: 'network-only' })
      .then(({ data }) => {
        const version = data?.document?.snapshot;
        if (!cancelled && version?.kind === 'RESTORE') setRestored(version);
      })
      .catch(() => {
        // Only a notice: the text itself has arrived either way.
      });
    return () => {
      cancelled = true;
    };
  }, [apollo, documentId, latestVersion]);

  if (!restored) return null;
  const who = restored.authors.filter((name) => name.trim()).join(', ') || 'Someone';
  const from = /(\d+)$/.exec(restored.label ?? '')?.[1];
  return (
    <div data-testid="restore-notice">
      <Notice
        tone="info"
        title={`${who} restored ${from ? `version ${from}` : 'an earlier version'}`}
        actions={
          <>
            <button type="button" className="button" onClick={onOpenHistory}>
              Open history
            </button>
            <button type="button" className="button button-quiet" onClick={() => setRestored(null)}>
              Dismiss
            </button>
          </>
        }
      >
        The text changed for everyone{from ? ` to what it was in version ${from}` : ''}. The text from just before is kept in the
        history.
      </Notice>
    </div>
  );
}
