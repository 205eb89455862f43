'use client';

import { useQuery } from '@apollo/client/react';
import { useEffect, useId } from 'react';
import type * as Y from 'yjs';
import { VERSION, VERSION_DIFF, type VersionSummary } from '@/lib/operations';
import { relativeTime } from '@/lib/time';
import { DownloadMenu } from '../content/DownloadMenu';
import { Notice } from '../ui/Notice';
import { exactTime, formatAuthors, versionFigures, versionGone, versionProblem, versionTitle } from './describe';
import { VersionDiffView } from './VersionDiffView';
import { VersionPreview } from './VersionPreview';

export type DetailMode = 'preview' | 'compare';

// Someone typing changes the current text many times a second; the comparison follows it
// once things settle rather than on every keystroke.
const DIFF_REFRESH_DELAY = 800;

/** One version: its meta, its text (or what changed since), and the way back to it. */
export function VersionDetail({
  documentId,
  apiUrl,
  version,
  mode,
  now,
  liveDoc,
  canRestore,
  onModeChange,
  onRestore,
  onBack,
}: {
  documentId: string;
  apiUrl: string;
  version: VersionSummary;
  mode: DetailMode;
  now: number;
  /** The editor's Y.Doc: the comparison with the current text is refreshed when it changes. */
  liveDoc: Y.Doc | null;
  canRestore: boolean;
  onModeChange: (mode: DetailMode) => void;
  onRestore: () => void;
  onBack: () => void;
}) {
  const titleId = useId();
  const title = versionTitle(version);
  const authors = formatAuthors(version.authors);
  return (
    <article className="version-detail" aria-labelledby={titleId} data-testid="version-detail" data-version={version.version}>
      <header className="version-detail-header">
        <button type="button" className="button button-quiet history-back" onClick={onBack}>
          <span aria-hidden="true">←</span> All versions
        </button>
        <h3 id={titleId} className="version-detail-title" tabIndex={-1}>
          {title}
        </h3>
        <p className="version-detail-meta">
          <span>Version {version.version}</span>
          <time dateTime={version.createdAt} title={exactTime(version.createdAt)}>
            {relativeTime(version.createdAt, now)}
          </time>
          {authors ? <span>by {authors}</span> : null}
          <span>{versionFigures(version)}</span>
        </p>
        <div className="version-actions">
          <div className="segmented" role="group" aria-label="Show">
            <button type="button" className="segment" aria-pressed={mode === 'preview'} onClick={() => onModeChange('preview')}>
              This version
            </button>
            <button type="button" className="segment" aria-pressed={mode === 'compare'} onClick={() => onModeChange('compare')}>
              Compare with current
            </button>
          </div>
          <DownloadMenu documentId={documentId} apiUrl={apiUrl} version={version.version} />
          <button type="button" className="button button-primary" onClick={onRestore} disabled={!canRestore}>
            Restore this version
          </button>
        </div>
      </header>
      <div className="version-detail-body">
        {mode === 'preview' ? (
          <PreviewLoader documentId={documentId} apiUrl={apiUrl} version={version} />
        ) : (
          <DiffLoader documentId={documentId} apiUrl={apiUrl} version={version.version} liveDoc={liveDoc} />
        )}
      </div>
    </article>
  );
}

function PreviewLoader({ documentId, apiUrl, version }: { documentId: string; apiUrl: string; version: VersionSummary }) {
  const { data, error, loading, refetch } = useQuery(VERSION, { variables: { id: documentId, version: version.version } });
  const content = data?.document?.snapshot;
  if (error) return <Failure {...versionProblem(error, apiUrl, version.version)} onRetry={() => void refetch()} />;
  if (data && !content) return <Failure gone message={versionGone(version.version)} />;
  if (loading || !content) return <Loading label={`Loading version ${version.version}…`} />;
  return <VersionPreview state={content.state} label={`Text of version ${version.version} (read only)`} />;
}

function DiffLoader({ documentId, apiUrl, version, liveDoc }: { documentId: string; apiUrl: string; version: number; liveDoc: Y.Doc | null }) {
  const { data, previousData, error, refetch } = useQuery(VERSION_DIFF, {
    variables: { id: documentId, from: version },
    fetchPolicy: 'cache-and-network',
  });

  useEffect(() => {
    if (!liveDoc) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void refetch().catch(() => {}), DIFF_REFRESH_DELAY);
    };
    liveDoc.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      liveDoc.off('update', onUpdate);
    };
  }, [liveDoc, refetch]);

  const diff = (data ?? previousData)?.document?.diff;
  if (error && !diff) return <Failure {...versionProblem(error, apiUrl, version)} onRetry={() => void refetch()} />;
  if (!diff) return <Loading label={`Comparing version ${version} with the current text…`} />;
  return <VersionDiffView diff={diff} version={version} />;
}

function Loading({ label }: { label: string }) {
  return (
    <div className="history-loading" aria-busy="true">
      <span className="visually-hidden">{label}</span>
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton skeleton-short" />
    </div>
  );
}

function Failure({ message, onRetry, gone }: { message: string; onRetry?: () => void; gone: boolean }) {
  return (
    <Notice
      tone="error"
      title={gone ? 'This version is gone' : 'Couldn’t load this version'}
      actions={
        onRetry && !gone ? (
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        ) : undefined
      }
    >
      {message}
    </Notice>
  );
}
