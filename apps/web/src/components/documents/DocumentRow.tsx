'use client';

import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { explainError } from '@/lib/errors';
import { RENAME_DOCUMENT, type DocumentSummary } from '@/lib/operations';
import { fullTime, relativeTime } from '@/lib/time';
import './document-row.css';

export function DocumentRow({
  doc,
  now,
  apiUrl,
  onDelete,
  onError,
}: {
  doc: DocumentSummary;
  now: number;
  apiUrl: string;
  onDelete: () => void;
  onError: (message: string) => void;
}) {
  const [renaming, setRenaming] = useState(false);
  const shownTitle = doc.title || 'Untitled';
  const [rename, { loading }] = useMutation(RENAME_DOCUMENT);

  const onRename = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const title = String(new FormData(event.currentTarget).get('title') ?? '').trim();
    if (!title || title === doc.title) {
      setRenaming(false);
      return;
    }
    try {
      await rename({ variables: { id: doc.id, title } });
      setRenaming(false);
    } catch (caught) {
      onError(explainError(caught, apiUrl, `rename “${shownTitle}”`));
    }
  };

  return (
    <li className="document-row" data-testid="document-row" data-id={doc.id}>
      {renaming ? (
        <form className="rename-form" onSubmit={onRename}>
          <input
            name="title"
            className="rename-input"
            aria-label={`New title for “${shownTitle}”`}
            defaultValue={doc.title}
            maxLength={200}
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                setRenaming(false);
              }
            }}
          />
          <button type="submit" className="button button-primary" disabled={loading}>
            Save
          </button>
          <button type="button" className="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <Link href={`/d/${doc.id}`} className="document-link">
            <span className={`document-title${doc.title ? '' : ' document-untitled'}`}>{shownTitle}</span>
            <time className="document-time" dateTime={doc.updatedAt} title={fullTime(doc.updatedAt)}>
              Edited {relativeTime(doc.updatedAt, now)}
            </time>
          </Link>
          <div className="row-actions">
            <button type="button" className="button button-quiet" onClick={() => setRenaming(true)} aria-label={`Rename “${shownTitle}”`}>
              Rename
            </button>
            <button type="button" className="button button-quiet button-danger-quiet" onClick={onDelete} aria-label={`Delete “${shownTitle}”`}>
              Delete
            </button>
          </div>
        </>
      )}
    </li>
  );
}
