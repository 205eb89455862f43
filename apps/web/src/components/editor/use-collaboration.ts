'use client';

// One document's live state in the browser: the Y.Doc (restored from IndexedDB first, so
// edits made offline survive a reload), and the TandemProvider that syncs it with the API.
import { TandemProvider, type DocumentInfo, type ProviderError, type ProviderStatus } from '@tandem/provider';
import { useEffect, useState } from 'react';
import { currentBearer } from '@/lib/credentials';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

export interface Session {
  readonly doc: Y.Doc;
  readonly provider: TandemProvider;
  /**
   * Forgets the copy kept on this device (after the server refused a change, the only way
   * back to a copy the server can follow). Reload afterwards to start from the server's copy.
   */
  readonly discardLocalCopy: () => Promise<void>;
}

export interface Collaboration {
  /** Null until the local copy has been read from IndexedDB. */
  readonly session: Session | null;
  readonly status: ProviderStatus | null;
  /** The last problem the provider reported that people should know about. */
  readonly problem: ProviderError | null;
  /** The title and newest version as the server last reported them (live, on any transport). */
  readonly info: DocumentInfo | null;
}

// A browser that never answers IndexedDB (some private modes) must not block editing.
const LOCAL_LOAD_TIMEOUT = 3_000;

export function localStoreName(documentId: string): string {
  return `tandem:${documentId}`;
}

/**
 * The local doc's state vector at the last moment everything local was acknowledged. After a
 * reload, whatever IndexedDB holds beyond it was never saved on the server, and the status
 * must say so before the first SYNC (which may be a long way off when offline).
 */
const savedStateKey = (documentId: string) => `tandem:saved-state:${documentId}`;

function readSavedState(documentId: string): Uint8Array | undefined {
  try {
    const saved = localStorage.getItem(savedStateKey(documentId));
    return saved ? Uint8Array.from(atob(saved), (c) => c.charCodeAt(0)) : undefined;
  } catch {
    return undefined; // storage unavailable or garbled: fall back to learning it at SYNC
  }
}

function rememberSavedState(documentId: string, doc: Y.Doc): void {
  try {
    localStorage.setItem(savedStateKey(documentId), btoa(String.fromCharCode(...Y.encodeStateVector(doc))));
  } catch {
    // Quota or private mode: only the pending count after a reload is affected.
  }
}

/**
 * `ready`: whether to connect yet (once it is known who is asking: an account through its
 * session cookie, or a guest through its share link, which rides as a bearer token).
 */
export function useCollaboration(documentId: string, apiUrl: string, ready: boolean): Collaboration {
  const [session, setSession] = useState<Session | null>(null);
  const [status, setStatus] = useState<ProviderStatus | null>(null);
  const [problem, setProblem] = useState<ProviderError | null>(null);
  const [info, setInfo] = useState<DocumentInfo | null>(null);

  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(localStoreName(documentId), doc);
    let provider: TandemProvider | null = null;

    const loaded = Promise.race([
      persistence.whenSynced.then(() => undefined),
      new Promise<void>((resolve) => setTimeout(resolve, LOCAL_LOAD_TIMEOUT)),
    ]);
    void loaded.then(() => {
      if (cancelled) return;
      // Connect after the local copy is in: the first SYNC then asks only for what is missing,
      // and pushes what was written offline.
      provider = new TandemProvider({
        url: apiUrl,
        documentId,
        doc,
        // Asked on every request and reconnect: null for an account (its cookie goes along).
        token: () => currentBearer(),
        serverStateVector: readSavedState(documentId),
        // Renames and new versions by anyone, over the same connection as the text.
        watchDocument: true,
      });
      provider.on('document', setInfo);
      provider.on('status', (next) => {
        setStatus(next);
        if (next.state === 'connected' && next.synced && next.pending === 0 && next.refused === 0) rememberSavedState(documentId, doc);
      });
      provider.on('synced', () => setProblem((current) => (current?.type === 'document-deleted' ? current : null)));
      provider.on('error', (error) => {
        switch (error.type) {
          case 'document-deleted':
          case 'access-denied':
          case 'update-rejected':
            setProblem(error);
            return;
          case 'subscription-failed':
          case 'protocol':
          case 'transport-failed':
            // Retried by the provider and visible in the status; the console keeps the detail.
            console.warn(`[tandem] ${error.type}`, error.error);
            return;
          default: {
            const unknown: never = error;
            console.warn('[tandem] unknown provider error', unknown);
          }
        }
      });
      setStatus(provider.status);
      const live = provider;
      setSession({
        doc,
        provider,
        discardLocalCopy: async () => {
          live.destroy();
          await persistence.clearData();
          try {
            localStorage.removeItem(savedStateKey(documentId));
          } catch {
            // nothing kept there
          }
        },
      });
    });

    return () => {
      cancelled = true;
      provider?.destroy();
      void persistence.destroy();
      doc.destroy();
      setSession(null);
      setStatus(null);
      setProblem(null);
      setInfo(null);
    };
  }, [documentId, apiUrl, ready]);

  return { session, status, problem, info };
}
