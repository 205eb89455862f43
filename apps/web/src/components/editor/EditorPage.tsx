'use client';

import { useApolloClient, useQuery } from '@apollo/client/react';
import type { Editor } from '@tiptap/react';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApiUrl } from '@/app/providers';
import { loadIdentity, saveIdentity, type Identity } from '@/lib/identity';
import { DOCUMENT } from '@/lib/operations';
import { cacheCurrentPage } from '@/lib/service-worker';
import { changes } from '@/lib/status';
import { useOnline } from '@/lib/use-online';
import { HistoryPanel } from '../history/HistoryPanel';
import { HISTORY_SHORTCUT_ARIA, historyShortcutLabel, useHistoryShortcut } from '../history/shortcut';
import { Notice } from '../ui/Notice';
import { DownloadMenu } from '../content/DownloadMenu';
import { CollaborativeEditor } from './CollaborativeEditor';
import { NameDialog } from './NameDialog';
import { PresenceList } from './PresenceList';
import { RestoreNotice } from './RestoreNotice';
import { StatusIndicator } from './StatusIndicator';
import { TitleField } from './TitleField';
import { useCollaboration } from './use-collaboration';
import { usePresence } from './use-presence';

function titleKey(id: string): string {
  return `tandem:title:${id}`;
}

export function EditorPage({ id }: { id: string }) {
  const apiUrl = useApiUrl();
  const online = useOnline();
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [identityRead, setIdentityRead] = useState(false);
  const [editingName, setEditingName] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const editorRef = useRef<Editor | null>(null);

  useEffect(() => {
    setIdentity(loadIdentity());
    setIdentityRead(true);
    cacheCurrentPage();
  }, []);

  const { session, status, problem, info } = useCollaboration(id, apiUrl, identity?.name ?? null);
  const people = usePresence(session?.provider.awareness ?? null);

  const { data } = useQuery(DOCUMENT, { variables: { id }, fetchPolicy: 'cache-and-network' });
  // Renames by anyone arrive with the provider (documentChanged, on whichever transport is
  // live); into Apollo's cache with them, where this page and the documents list read titles.
  const apollo = useApolloClient();
  useEffect(() => {
    if (!info) return;
    apollo.cache.modify({ id: apollo.cache.identify({ __typename: 'Document', id }), fields: { title: () => info.title } });
  }, [apollo, id, info]);
  const [cachedTitle, setCachedTitle] = useState<string | null>(null);
  useEffect(() => {
    try {
      setCachedTitle(window.localStorage.getItem(titleKey(id)));
    } catch {
      // No storage: the title shows once the server answers.
    }
  }, [id]);
  const serverTitle = data?.document?.title ?? null;
  useEffect(() => {
    if (serverTitle === null) return;
    try {
      window.localStorage.setItem(titleKey(id), serverTitle);
    } catch {
      // Only a convenience for offline reloads.
    }
  }, [id, serverTitle]);
  const title = serverTitle ?? cachedTitle;

  const deleted = status?.state === 'deleted' || problem?.type === 'document-deleted' || data?.document === null;

  useEffect(() => {
    document.title = `${title || 'Untitled'} · Tandem`;
  }, [title]);

  // Ctrl/Cmd+S: there is nothing to save by hand, but the habit should not open "Save page as".
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void session?.provider.flush().catch(() => {});
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session]);

  // Leaving with changes the server has not acknowledged: they are kept on this device, but
  // nobody else sees them until this document is opened here again. Ask first.
  const unsaved = (status?.pending ?? 0) > 0 || (status?.refused ?? 0) > 0;
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved]);

  const toggleHistory = useCallback(() => setHistoryOpen((open) => !open), []);
  useHistoryShortcut(toggleHistory, !deleted);

  const onEditorReady = useCallback((editor: Editor | null) => {
    editorRef.current = editor;
  }, []);

  const saveName = (next: Identity) => {
    saveIdentity(next);
    setIdentity(next);
    setEditingName(false);
  };

  const pending = status?.pending ?? 0;

  return (
    <div className="editor-page">
      <header className="toolbar">
        <Link href="/" className="toolbar-back" title="All documents">
          <span aria-hidden="true">←</span> Documents
        </Link>
        <div className="toolbar-end">
          <PresenceList people={people} onEditSelf={() => setEditingName(true)} />
          <StatusIndicator status={status} online={online} />
          {deleted ? null : <DownloadMenu documentId={id} apiUrl={apiUrl} className="toolbar-download" />}
          <button
            type="button"
            className="button button-quiet toolbar-history"
            onClick={() => setHistoryOpen(true)}
            disabled={deleted}
            aria-haspopup="dialog"
            aria-keyshortcuts={HISTORY_SHORTCUT_ARIA}
            title={`Version history (${historyShortcutLabel()})`}
          >
            <HistoryIcon />
            <span className="toolbar-history-label">History</span>
          </button>
        </div>
      </header>

      <main className="sheet">
        {deleted ? (
          <Notice
            tone="error"
            title="This document has been deleted"
            actions={
              <Link className="button" href="/">
                Back to documents
              </Link>
            }
          >
            Someone deleted it, or the link points to a document that never existed. Nothing more can be saved here;
            the text below is the last copy on this device, so copy anything you want to keep.
          </Notice>
        ) : problem?.type === 'access-denied' ? (
          <Notice tone="error" title="You don’t have permission to edit this document">
            Your changes are kept on this device and will be sent if you get access. Ask the document’s owner.
          </Notice>
        ) : (status?.refused ?? 0) > 0 ? (
          <Notice tone="error" title="The server refused a change">
            {problem?.type === 'update-rejected' ? <>It said: “{problem.error.message}”. </> : null}
            That change, and what you wrote after it, can’t be stored. Copy anything you want to keep, then{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                void session?.discardLocalCopy().then(() => window.location.reload());
              }}
            >
              get the server’s copy
            </button>
            .
          </Notice>
        ) : status?.state === 'offline' && !online ? (
          <Notice tone="info" title="You’re offline">
            Keep writing: {pending > 0 ? `${changes(pending)} are` : 'what you write is'} kept on this device and will be sent when
            you reconnect.
          </Notice>
        ) : status?.state === 'offline' ? (
          <Notice tone="warn" title="Can’t reach the server">
            Tandem can’t reach its server at <code>{apiUrl}</code>. Keep writing: changes are kept on this device and sent as soon as
            it answers. If this lasts, check that the Tandem API is running and reachable from this device.
          </Notice>
        ) : null}

        {deleted ? null : <RestoreNotice documentId={id} latestVersion={info ? info.latestVersion : undefined} onOpenHistory={() => setHistoryOpen(true)} />}

        <TitleField
          documentId={id}
          title={title}
          apiUrl={apiUrl}
          disabled={deleted}
          offline={status?.state === 'offline'}
          onContinue={() => editorRef.current?.commands.focus()}
        />

        {session && identity ? (
          <CollaborativeEditor session={session} identity={identity} editable={!deleted} onReady={onEditorReady} />
        ) : (
          <div className="editor editor-loading" aria-busy="true" />
        )}
      </main>

      <HistoryPanel
        open={historyOpen && !deleted}
        documentId={id}
        apiUrl={apiUrl}
        session={session}
        latestVersion={info ? info.latestVersion : undefined}
        onClose={() => setHistoryOpen(false)}
      />

      <NameDialog
        open={(identityRead && identity === null) || editingName}
        initial={identity}
        required={identity === null}
        onSave={saveName}
        onCancel={() => setEditingName(false)}
      />
    </div>
  );
}

/** A clock with an arrow going back round it. */
function HistoryIcon() {
  return (
    <svg className="icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
      <path d="M3.5 10a6.5 6.5 0 1 0 1.9-4.6" />
      <path d="M3.2 3.2v3.1h3.1" />
      <path d="M10 6.4V10l2.4 1.6" />
    </svg>
  );
}
