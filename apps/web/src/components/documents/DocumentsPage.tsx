'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApiUrl } from '@/app/providers';
import { describeError, explainError } from '@/lib/errors';
import { CREATE_DOCUMENT, DELETE_DOCUMENT, DOCUMENTS, PAGE_SIZE, type DocumentSummary } from '@/lib/operations';
import { useNow } from '@/lib/use-now';
import { RequireAccount } from '@/lib/viewer';
import { AccountMenu } from '../account/AccountMenu';
import { ImportFiles } from '../content/ImportFiles';
import { QuickSwitcher } from '../search/QuickSwitcher';
import { SearchBox } from '../search/SearchBox';
import { Notice } from '../ui/Notice';
import { DeleteDialog } from './DeleteDialog';
import { DocumentRow } from './DocumentRow';

export function DocumentsPage() {
  return (
    <RequireAccount>
      <DocumentsList />
    </RequireAccount>
  );
}

function DocumentsList() {
  const apiUrl = useApiUrl();
  const router = useRouter();
  const now = useNow();
  const newTitle = useRef<HTMLInputElement>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<DocumentSummary | null>(null);

  const { data, error, loading, fetchMore, refetch } = useQuery(DOCUMENTS, {
    variables: { first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const [create, creating] = useMutation(CREATE_DOCUMENT);
  const [remove, removing] = useMutation(DELETE_DOCUMENT);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    document.title = 'Documents · Tandem';
  }, []);

  // "n" or "/" jumps to the new-document field, as long as focus isn't in a field already.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, [contenteditable], dialog')) return;
      if (event.key === 'n' || event.key === '/') {
        event.preventDefault();
        newTitle.current?.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const onCreate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const title = newTitle.current?.value.trim() ?? '';
    try {
      setActionError(null);
      const result = await create({ variables: { title: title || null } });
      const created = result.data?.createDocument;
      if (!created) throw new Error('No document in the answer');
      if (newTitle.current) newTitle.current.value = '';
      router.push(`/d/${created.id}`);
    } catch (caught) {
      setActionError(explainError(caught, apiUrl, 'create the document'));
    }
  };

  const onConfirmDelete = async () => {
    const doc = toDelete;
    if (!doc) return;
    try {
      setActionError(null);
      await remove({
        variables: { id: doc.id },
        update(cache) {
          cache.evict({ id: cache.identify({ __typename: 'Document', id: doc.id }) });
          cache.gc();
        },
      });
      setToDelete(null);
    } catch (caught) {
      setToDelete(null);
      setActionError(explainError(caught, apiUrl, `delete “${doc.title || 'Untitled'}”`));
      void refetch();
    }
  };

  const loadMore = async () => {
    const after = data?.documents.pageInfo.endCursor;
    if (!after) return;
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { first: PAGE_SIZE, after } });
    } catch (caught) {
      setActionError(explainError(caught, apiUrl, 'load more documents'));
    } finally {
      setLoadingMore(false);
    }
  };

  const documents = data?.documents.nodes ?? [];
  const hasNextPage = data?.documents.pageInfo.hasNextPage ?? false;

  return (
    <main className="page documents-page">
      <header className="masthead">
        <div>
          <h1 className="brand">Tandem</h1>
          <p className="tagline">Write together, in real time.</p>
        </div>
        <AccountMenu />
      </header>

      <form className="create-form" onSubmit={onCreate} aria-label="New document">
        <label htmlFor="new-document-title" className="visually-hidden">
          Title of the new document
        </label>
        <input
          id="new-document-title"
          ref={newTitle}
          className="create-input"
          placeholder="Title of a new document"
          maxLength={200}
          autoComplete="off"
        />
        <button type="submit" className="button button-primary" disabled={creating.loading}>
          {creating.loading ? 'Creating…' : 'New document'}
        </button>
        <kbd className="hint" aria-hidden="true" title="Press N to type a new title">
          N
        </kbd>
      </form>

      <ImportFiles apiUrl={apiUrl} />

      <SearchBox />
      <QuickSwitcher />

      {actionError ? (
        <Notice
          tone="error"
          title="That didn’t work"
          actions={
            <button type="button" className="button" onClick={() => setActionError(null)}>
              Dismiss
            </button>
          }
        >
          {actionError}
        </Notice>
      ) : null}

      <section aria-labelledby="documents-heading" className="documents">
        <h2 id="documents-heading" className="section-title">
          Documents
        </h2>

        {error && documents.length === 0 ? (
          <Notice
            tone="error"
            title="Can’t load your documents"
            actions={
              <button type="button" className="button" onClick={() => void refetch()}>
                Try again
              </button>
            }
          >
            {describeError(error, apiUrl)}
          </Notice>
        ) : loading && documents.length === 0 ? (
          <p className="muted" aria-busy="true">
            Loading documents…
          </p>
        ) : documents.length === 0 ? (
          <div className="empty">
            <p>No documents yet.</p>
            <p className="muted">Type a title above and press Enter to start the first one.</p>
          </div>
        ) : (
          <ul className="document-list" data-testid="document-list">
            {documents.map((doc) => (
              <DocumentRow key={doc.id} doc={doc} now={now} apiUrl={apiUrl} onDelete={() => setToDelete(doc)} onError={setActionError} />
            ))}
          </ul>
        )}

        {hasNextPage ? (
          <button type="button" className="button load-more" onClick={() => void loadMore()} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Show more'}
          </button>
        ) : null}
      </section>

      <DeleteDialog doc={toDelete} busy={removing.loading} onCancel={() => setToDelete(null)} onConfirm={() => void onConfirmDelete()} />
    </main>
  );
}
