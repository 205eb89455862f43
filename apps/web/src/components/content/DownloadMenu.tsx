'use client';

import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { DOCUMENT_EXPORT, VERSION_EXPORT, type DocumentFormat } from '@/lib/content-operations';
import { fileName, saveFile } from '@/lib/download';
import { explainError } from '@/lib/errors';
import './content.css';

const FORMATS: { format: DocumentFormat; label: string }[] = [
  { format: 'MARKDOWN', label: 'Markdown (.md)' },
  { format: 'HTML', label: 'Web page (.html)' },
];

/**
 * "Download as Markdown / HTML", of the document as it is now or of one version. The file is
 * what the API exports (Document.export, Snapshot.export), so it is the same from any client.
 */
export function DownloadMenu({
  documentId,
  apiUrl,
  version,
  className = '',
}: {
  documentId: string;
  apiUrl: string;
  /** A version's number, or undefined for the document as it is now. */
  version?: number;
  className?: string;
}) {
  const apollo = useApolloClient();
  const menu = useRef<HTMLDetailsElement>(null);
  const [busy, setBusy] = useState<DocumentFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  // A click elsewhere or Escape closes the menu.
  useEffect(() => {
    const close = (event: Event) => {
      const details = menu.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !details.contains(event.target as Node)) {
        details.open = false;
        if (event instanceof KeyboardEvent) details.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  const download = async (format: DocumentFormat) => {
    setBusy(format);
    setError(null);
    try {
      if (version === undefined) {
        const { data } = await apollo.query({ query: DOCUMENT_EXPORT, variables: { id: documentId, format }, fetchPolicy: 'network-only' });
        if (!data?.document) throw new Error('This document is no longer there.');
        saveFile(data.document.export, fileName(data.document.title, format), format);
      } else {
        const { data } = await apollo.query({ query: VERSION_EXPORT, variables: { id: documentId, version, format }, fetchPolicy: 'network-only' });
        const snapshot = data?.document?.snapshot;
        if (!data?.document || !snapshot) throw new Error(`Version ${version} is no longer kept.`);
        saveFile(snapshot.export, fileName(data.document.title, format, ` (version ${version})`), format);
      }
      if (menu.current) menu.current.open = false;
    } catch (caught) {
      setError(explainError(caught, apiUrl, 'download it'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <details className={`download-menu ${className}`} ref={menu} data-testid={version === undefined ? 'download-menu' : 'version-download-menu'}>
      <summary className="button button-quiet download-summary">
        <DownloadIcon />
        <span className="download-label">Download</span>
      </summary>
      <div className="download-options" role="group" aria-label={version === undefined ? 'Download this document as' : `Download version ${version} as`}>
        {FORMATS.map(({ format, label }) => (
          <button key={format} type="button" className="download-option" disabled={busy !== null} onClick={() => void download(format)}>
            {busy === format ? 'Preparing…' : label}
          </button>
        ))}
        {error ? (
          <p className="download-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </details>
  );
}

function DownloadIcon() {
  return (
    <svg className="icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
      <path d="M10 3v9.5M6 9l4 4 4-4" />
      <path d="M4 15.5h12" />
    </svg>
  );
}
