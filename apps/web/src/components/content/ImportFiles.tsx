'use client';

import { useApolloClient } from '@apollo/client/react';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { IMPORT_DOCUMENT } from '@/lib/content-operations';
import { formatOfFile, titleOfFile } from '@/lib/download';
import { describeError } from '@/lib/errors';
import { DOCUMENTS } from '@/lib/operations';
import './content.css';

type ImportState =
  | { kind: 'waiting' }
  | { kind: 'importing' }
  | { kind: 'done'; id: string; title: string }
  | { kind: 'failed'; reason: string };

interface ImportItem {
  key: string;
  name: string;
  state: ImportState;
}

const ACCEPT = '.md,.markdown,.html,.htm,text/markdown,text/html';

/**
 * "Import" on the documents page: pick or drop Markdown and HTML files, several at once. Each
 * becomes a new document (importDocument), one after the other, with its progress shown;
 * a file that cannot be imported says why and the others go on.
 */
export function ImportFiles({ apiUrl }: { apiUrl: string }) {
  const apollo = useApolloClient();
  const picker = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<ImportItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const counter = useRef(0);

  const update = (key: string, state: ImportState) => setItems((current) => current.map((item) => (item.key === key ? { ...item, state } : item)));

  const importFile = async (key: string, file: File) => {
    const format = formatOfFile(file);
    if (!format) {
      update(key, { kind: 'failed', reason: 'Only Markdown (.md) and HTML (.html) files can be imported.' });
      return;
    }
    update(key, { kind: 'importing' });
    try {
      const content = await file.text();
      const { data } = await apollo.mutate({ mutation: IMPORT_DOCUMENT, variables: { format, content, title: titleOfFile(file.name) || null } });
      const created = data?.importDocument;
      if (!created) throw new Error('No document in the answer');
      update(key, { kind: 'done', id: created.id, title: created.title });
    } catch (caught) {
      update(key, { kind: 'failed', reason: describeError(caught, apiUrl) });
    }
  };

  const add = (files: Iterable<File>) => {
    const added = Array.from(files, (file) => ({ key: `${(counter.current += 1)}`, name: file.name, file }));
    if (added.length === 0) return;
    setItems((current) => [...current, ...added.map(({ key, name }) => ({ key, name, state: { kind: 'waiting' } as const }))]);
    // One at a time, in order: progress reads top to bottom, and the server is not flooded.
    queue.current = queue.current.then(async () => {
      for (const { key, file } of added) await importFile(key, file);
      await apollo.refetchQueries({ include: [DOCUMENTS] }).catch(() => {});
    });
  };

  // Files dropped anywhere on the page are imported.
  useEffect(() => {
    const holdsFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!holdsFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onLeave = (event: DragEvent) => {
      if (!holdsFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent) => {
      if (!holdsFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!holdsFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      add(event.dataTransfer?.files ?? []);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
    // `add` only reads refs and stable setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const done = items.filter((item) => item.state.kind === 'done' || item.state.kind === 'failed').length;
  const running = items.some((item) => item.state.kind === 'waiting' || item.state.kind === 'importing');

  return (
    <section className="import" aria-label="Import documents" data-testid="import">
      <div className="import-bar">
        <button type="button" className="button" onClick={() => picker.current?.click()}>
          <ImportIcon />
          Import
        </button>
        <span className="import-hint muted">Markdown or HTML files; or drop them anywhere on this page.</span>
        <input
          ref={picker}
          type="file"
          accept={ACCEPT}
          multiple
          hidden
          aria-label="Files to import"
          data-testid="import-input"
          onChange={(event) => {
            add(event.currentTarget.files ?? []);
            event.currentTarget.value = '';
          }}
        />
      </div>

      {items.length > 0 ? (
        <div className="import-progress">
          <p className="import-summary" role="status">
            {running ? `Importing ${done + 1} of ${items.length}…` : `Imported ${items.filter((item) => item.state.kind === 'done').length} of ${items.length}.`}
            {!running ? (
              <button type="button" className="link-button import-clear" onClick={() => setItems([])}>
                Clear
              </button>
            ) : null}
          </p>
          <ul className="import-list">
            {items.map((item) => (
              <li key={item.key} className={`import-item import-${item.state.kind}`} data-testid="import-item" data-state={item.state.kind}>
                <span className="import-name">{item.name}</span>
                <ImportStatus state={item.state} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {dragging ? (
        <div className="import-drop" aria-hidden="true">
          Drop Markdown or HTML files to import them
        </div>
      ) : null}
    </section>
  );
}

function ImportStatus({ state }: { state: ImportState }) {
  switch (state.kind) {
    case 'waiting':
      return <span className="import-status muted">Waiting</span>;
    case 'importing':
      return <span className="import-status muted">Importing…</span>;
    case 'done':
      return (
        <Link className="import-status" href={`/d/${state.id}`}>
          Open “{state.title || 'Untitled'}”
        </Link>
      );
    case 'failed':
      return <span className="import-status import-reason">{state.reason}</span>;
    default: {
      const unknown: never = state;
      return unknown;
    }
  }
}

function ImportIcon() {
  return (
    <svg className="icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
      <path d="M10 13V3.5M6 7.5l4-4 4 4" />
      <path d="M4 15.5h12" />
    </svg>
  );
}
