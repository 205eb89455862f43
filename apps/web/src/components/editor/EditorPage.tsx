'use client';

import { useApolloClient, useQuery } from '@apollo/client/react';
import type { Editor } from '@tiptap/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApiUrl } from '@/app/providers';
import { canEdit, type DocumentRole } from '@/lib/access-operations';
import { forgetLinkToken, setBearer, takeLinkToken } from '@/lib/credentials';
import { COLORS, loadIdentity, saveIdentity, type Identity } from '@/lib/identity';
import { DOCUMENT } from '@/lib/operations';
import { signInHref, useViewer } from '@/lib/viewer';
import { cacheCurrentPage } from '@/lib/service-worker';
import { changes } from '@/lib/status';
import { useOnline } from '@/lib/use-online';
import { COMMENT_SHORTCUT_ARIA, commentShortcutLabel, isCommentShortcut } from '../comments/comment-shortcut';
import { CommentsPanel, type CommentDraft } from '../comments/CommentsPanel';
import { selectionRange } from '../comments/text-offsets';
import { useThreads } from '../comments/use-threads';
import { QuickSwitcher } from '../search/QuickSwitcher';
import { HistoryPanel } from '../history/HistoryPanel';
import { HISTORY_SHORTCUT_ARIA, historyShortcutLabel, useHistoryShortcut } from '../history/shortcut';
import { AccountMenu } from '../account/AccountMenu';
import { ShareDialog } from '../sharing/ShareDialog';
import { Notice } from '../ui/Notice';
import { DownloadMenu } from '../content/DownloadMenu';
import { AccessNotice } from './AccessNotice';
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

/** The caller's role on a document, as last known on this device (for offline reloads). */
const roleKey = (id: string) => `tandem:role:${id}`;

function readStoredRole(id: string): DocumentRole | null {
  try {
    return (localStorage.getItem(roleKey(id)) as DocumentRole | null) ?? null;
  } catch {
    return null;
  }
}

/**
 * Who opens the document: a signed-in account (its session cookie), or a guest whose share
 * link came in the address (#link=...). Anyone else is sent to sign in.
 */
function useCaller(id: string) {
  const viewer = useViewer();
  const router = useRouter();
  const [linkToken, setLinkToken] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    setLinkToken(takeLinkToken(id));
  }, [id]);
  const guest = !viewer.loading && !viewer.me && !!linkToken;
  // Set before the provider exists (the effect below runs before children connect).
  setBearer(guest ? linkToken! : null);
  useEffect(() => () => setBearer(null), []);
  const nobody = !viewer.loading && !viewer.me && linkToken === null;
  useEffect(() => {
    if (nobody) router.replace(viewer.needsSetup ? '/sign-up' : signInHref(`/d/${id}`));
  }, [nobody, router, id, viewer.needsSetup]);
  return { viewer, guest, ready: !viewer.loading && linkToken !== undefined && !nobody };
}

export function EditorPage({ id }: { id: string }) {
  const apiUrl = useApiUrl();
  const online = useOnline();
  const { viewer, guest, ready } = useCaller(id);
  const [guestIdentity, setGuestIdentity] = useState<Identity | null>(null);
  const [identityRead, setIdentityRead] = useState(false);
  const [editingName, setEditingName] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const [commentsOpen, setCommentsOpen] = useState(false);
  const [commentDraft, setCommentDraft] = useState<CommentDraft | null>(null);
  const [draftProblem, setDraftProblem] = useState<string | null>(null);
  const [activeThread, setActiveThread] = useState<string | null>(null);
  const [storedColor, setStoredColor] = useState<string | null>(null);
  const editorRef = useRef<Editor | null>(null);

  useEffect(() => {
    const stored = loadIdentity();
    setGuestIdentity(stored);
    setStoredColor(stored?.color ?? null);
    setIdentityRead(true);
    cacheCurrentPage();
  }, []);

  // An account shows under its own name; only a guest picks one (kept on this device).
  const identity: Identity | null = viewer.me
    ? { name: viewer.me.name, color: storedColor ?? colorFor(viewer.me.id) }
    : guest
      ? guestIdentity
      : null;

  const { session, status, problem, info } = useCollaboration(id, apiUrl, ready);
  const people = usePresence(session?.provider.awareness ?? null);
  const threads = useThreads(session);
  const openThreads = threads.filter((thread) => !thread.resolved).length;

  const { data } = useQuery(DOCUMENT, { variables: { id }, fetchPolicy: 'cache-and-network', skip: !ready });
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

  // The role now (documentChanged reports every change of it while open), else as last known.
  const [storedRole, setStoredRole] = useState<DocumentRole | null>(null);
  useEffect(() => setStoredRole(readStoredRole(id)), [id]);
  const role: DocumentRole | null = info?.myRole ?? storedRole;
  useEffect(() => {
    if (!info) return;
    try {
      localStorage.setItem(roleKey(id), info.myRole);
    } catch {
      // Only a convenience for offline reloads.
    }
  }, [id, info]);

  // Never opened here, and the server knows no such document (for this caller): not "deleted".
  const [everOpened, setEverOpened] = useState(false);
  useEffect(() => {
    if (data?.document || status?.synced) setEverOpened(true);
  }, [data, status?.synced]);
  const missing = data?.document === null || status?.state === 'deleted' || problem?.type === 'document-deleted';
  const unknown = missing && !everOpened && !session?.doc.getXmlFragment('default').length;
  const deleted = missing && !unknown;
  const denied = status?.state === 'denied' ? status.reason : null;
  useEffect(() => {
    if (denied && guest) forgetLinkToken(id);
  }, [denied, guest, id]);
  const unavailable = deleted || unknown || denied !== null;
  // Unknown roles (offline, before the server said) edit: the server decides, and keeps nothing it refuses.
  const editable = !unavailable && (role === null || canEdit(role));

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

  // Comments are an account's (a comment's author is one), from COMMENTER up.
  const canComment = !unavailable && !guest && Boolean(viewer.me) && (role === 'OWNER' || role === 'EDITOR' || role === 'COMMENTER');

  /** Ctrl/Cmd+Alt+M: a new thread on the selection (read from the page: a viewer's editor has no focus to hold it). */
  const startComment = useCallback(() => {
    const editor = editorRef.current;
    if (!editor || editor.isDestroyed) return;
    const { view } = editor;
    let { from, to } = view.state.selection;
    const dom = window.getSelection();
    if (dom && !dom.isCollapsed && dom.anchorNode && dom.focusNode && view.dom.contains(dom.anchorNode) && view.dom.contains(dom.focusNode)) {
      const anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
      const focus = view.posAtDOM(dom.focusNode, dom.focusOffset);
      from = Math.min(anchor, focus);
      to = Math.max(anchor, focus);
    }
    const range = selectionRange(view.state.doc, from, to);
    setCommentsOpen(true);
    if ('problem' in range) {
      setCommentDraft(null);
      setDraftProblem(range.problem);
    } else {
      setCommentDraft(range);
      setDraftProblem(null);
    }
  }, []);
  useEffect(() => {
    if (!canComment) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isCommentShortcut(event)) return;
      event.preventDefault();
      startComment();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canComment, startComment]);
  const openThread = useCallback((threadId: string) => {
    setActiveThread(threadId);
    setCommentsOpen(true);
  }, []);

  const toggleHistory = useCallback(() => setHistoryOpen((open) => !open), []);
  useHistoryShortcut(toggleHistory, !unavailable);

  const onEditorReady = useCallback((editor: Editor | null) => {
    editorRef.current = editor;
  }, []);

  const saveName = (next: Identity) => {
    saveIdentity(next);
    setGuestIdentity(next);
    setStoredColor(next.color);
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
          <PresenceList people={people} onEditSelf={guest ? () => setEditingName(true) : undefined} />
          <StatusIndicator status={status} online={online} />
          {unavailable ? null : <DownloadMenu documentId={id} apiUrl={apiUrl} className="toolbar-download" />}
          {unavailable ? null : (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setCommentsOpen((open) => !open)}
              aria-expanded={commentsOpen}
              aria-keyshortcuts={canComment ? COMMENT_SHORTCUT_ARIA : undefined}
              title={canComment ? `Comments (select text and press ${commentShortcutLabel()} to comment)` : 'Comments'}
              data-testid="comments-button"
            >
              Comments{openThreads > 0 ? ` (${openThreads})` : ''}
            </button>
          )}
          {role === 'OWNER' && !unavailable ? (
            <button type="button" className="button button-quiet" onClick={() => setShareOpen(true)} aria-haspopup="dialog">
              Share
            </button>
          ) : null}
          <button
            type="button"
            className="button button-quiet toolbar-history"
            onClick={() => setHistoryOpen(true)}
            disabled={unavailable}
            aria-haspopup="dialog"
            aria-keyshortcuts={HISTORY_SHORTCUT_ARIA}
            title={`Version history (${historyShortcutLabel()})`}
          >
            <HistoryIcon />
            <span className="toolbar-history-label">History</span>
          </button>
          {guest ? null : <AccountMenu />}
        </div>
      </header>

      <main className="sheet">
        {unknown ? (
          <Notice
            tone="error"
            title="No such document"
            actions={
              <Link className="button" href="/">
                Back to documents
              </Link>
            }
          >
            There is no document at this address, or it hasn’t been shared with you. Check the link, or ask the person who sent it.
          </Notice>
        ) : denied ? (
          <AccessNotice reason={denied} guest={guest} next={`/d/${id}`} />
        ) : deleted ? (
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
        ) : role !== null && !canEdit(role) ? (
          <Notice tone="info" title={role === 'COMMENTER' ? 'You can comment on this document' : 'You can view this document'}>
            Editing is for the people its owner lets edit. {(status?.pending ?? 0) > 0 ? 'Changes you made before are kept on this device. ' : ''}
            Ask the owner if you need to change it.
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

        {unavailable ? null : <RestoreNotice documentId={id} latestVersion={info ? info.latestVersion : undefined} onOpenHistory={() => setHistoryOpen(true)} />}

        <TitleField
          documentId={id}
          title={title}
          apiUrl={apiUrl}
          disabled={!editable}
          offline={status?.state === 'offline'}
          onContinue={() => editorRef.current?.commands.focus()}
        />

        {session && identity ? (
          <CollaborativeEditor
            session={session}
            identity={identity}
            editable={editable}
            onReady={onEditorReady}
            threads={threads}
            activeThread={commentsOpen ? activeThread : null}
            onThreadClick={openThread}
          />
        ) : (
          <div className="editor editor-loading" aria-busy="true" />
        )}
      </main>

      <HistoryPanel
        open={historyOpen && !unavailable}
        documentId={id}
        apiUrl={apiUrl}
        session={session}
        latestVersion={info ? info.latestVersion : undefined}
        onClose={() => setHistoryOpen(false)}
      />

      {commentsOpen && !unavailable ? (
        <CommentsPanel
          documentId={id}
          apiUrl={apiUrl}
          threads={threads}
          viewerId={viewer.me?.id ?? null}
          canComment={canComment}
          canModerate={role === 'OWNER'}
          draft={commentDraft}
          draftProblem={draftProblem}
          onDraftDone={() => setCommentDraft(null)}
          onStartComment={startComment}
          beforeCreate={() => flushEdits(session)}
          active={activeThread}
          onActivate={setActiveThread}
          onClose={() => setCommentsOpen(false)}
        />
      ) : null}

      {guest ? null : <QuickSwitcher />}

      {role === 'OWNER' ? <ShareDialog documentId={id} open={shareOpen} onClose={() => setShareOpen(false)} /> : null}

      <NameDialog
        open={guest && ((identityRead && guestIdentity === null) || editingName)}
        initial={guestIdentity}
        required={guestIdentity === null}
        onSave={saveName}
        onCancel={() => setEditingName(false)}
      />
    </div>
  );
}

/** Edits not yet on the server are sent first (a comment's offsets are in the server's text); offline, not for long. */
async function flushEdits(session: { provider: { flush(): Promise<unknown> } } | null): Promise<void> {
  if (!session) return;
  await Promise.race([session.provider.flush().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 3_000))]);
}

/** An account's colour when it has not picked one: the same on every device. */
function colorFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return COLORS[Math.abs(hash) % COLORS.length]!;
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
