'use client';

import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { describeError, explainError } from '@/lib/errors';
import { CREATE_SNAPSHOT, RESTORE_SNAPSHOT, type VersionSummary } from '@/lib/operations';
import { useNow } from '@/lib/use-now';
import type { Session } from '../editor/use-collaboration';
import { Dialog } from '../ui/Dialog';
import { Notice } from '../ui/Notice';
import { versionGone, versionProblem } from './describe';
import { NameVersionForm } from './NameVersionForm';
import { RestoreDialog } from './RestoreDialog';
import { historyShortcutLabel } from './shortcut';
import { useVersions } from './use-versions';
import { VersionDetail, type DetailMode } from './VersionDetail';
import { VersionList } from './VersionList';

// Naming or restoring waits for this device's unsent edits to reach the server, so the version
// holds what the person sees; offline, it goes ahead with what the server has after this long.
const FLUSH_WAIT = 3_000;

// Below this width the list and the selected version take turns (see globals.css).
const NARROW = '(max-width: 52rem)';

async function flushEdits(session: Session | null): Promise<void> {
  if (!session) return;
  await Promise.race([session.provider.flush().catch(() => {}), new Promise((resolve) => setTimeout(resolve, FLUSH_WAIT))]);
}

/** What just happened (a version named, a version restored), shown above the list. */
interface Message {
  title: string;
  text: string;
}

/**
 * Version history, as a sheet over the editor: the versions (paged), naming the current one,
 * and for a selected version its text, a comparison with the current text, and restore.
 */
export function HistoryPanel({
  open,
  documentId,
  apiUrl,
  session,
  latestVersion,
  onClose,
}: {
  open: boolean;
  documentId: string;
  apiUrl: string;
  /** The editor's live session: its unsent edits are flushed first, its changes refresh a comparison. */
  session: Session | null;
  /** The newest version's number as the provider reports it; undefined until it has. */
  latestVersion: number | null | undefined;
  onClose: () => void;
}) {
  const titleId = useId();
  const now = useNow();
  const versions = useVersions(documentId, open, latestVersion);
  const [selected, setSelected] = useState<VersionSummary | null>(null);
  const [mode, setMode] = useState<DetailMode>('preview');
  const [message, setMessage] = useState<Message | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [toRestore, setToRestore] = useState<VersionSummary | null>(null);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  // Busy from the flush on, not only while the mutation is in flight.
  const [naming, setNaming] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [createSnapshot] = useMutation(CREATE_SNAPSHOT);
  const [restoreSnapshot] = useMutation(RESTORE_SNAPSHOT);
  const detailColumn = useRef<HTMLElement>(null);
  const listColumn = useRef<HTMLElement>(null);

  // Each opening starts from the list.
  useEffect(() => {
    if (open) return;
    setSelected(null);
    setMode('preview');
    setMessage(null);
    setNameError(null);
    setToRestore(null);
    setRestoreError(null);
  }, [open]);

  const narrow = () => window.matchMedia(NARROW).matches;

  const select = (version: VersionSummary) => {
    setSelected(version);
    // On a narrow screen the list gives way to the version: take focus along.
    if (narrow()) requestAnimationFrame(() => detailColumn.current?.querySelector<HTMLElement>('h3')?.focus());
  };

  const back = () => {
    const version = selected?.version;
    setSelected(null);
    requestAnimationFrame(() => listColumn.current?.querySelector<HTMLElement>(`button.version[data-version="${version}"]`)?.focus());
  };

  const nameVersion = async (label: string): Promise<boolean> => {
    setNameError(null);
    setMessage(null);
    setNaming(true);
    try {
      await flushEdits(session);
      const result = await createSnapshot({ variables: { id: documentId, label } });
      const stored = result.data?.createSnapshot;
      setMessage({
        title: 'Version named',
        text: stored ? `The document as it is now is version ${stored.version}, “${label}”.` : `Saved as “${label}”.`,
      });
      await versions.refresh();
      return true;
    } catch (caught) {
      setNameError(explainError(caught, apiUrl, 'name this version'));
      return false;
    } finally {
      setNaming(false);
    }
  };

  const restore = async () => {
    const target = toRestore;
    if (!target) return;
    setRestoreError(null);
    setMessage(null);
    setRestoring(true);
    try {
      await flushEdits(session);
      await restoreSnapshot({ variables: { id: documentId, version: target.version } });
      setToRestore(null);
      setMessage({
        title: `Version ${target.version} restored`,
        text: 'Everyone editing sees it now. The text from just before is kept as a version: restore that one to undo.',
      });
      await versions.refresh();
    } catch (caught) {
      const problem = versionProblem(caught, apiUrl, target.version);
      setRestoreError(problem.gone ? versionGone(target.version) : explainError(caught, apiUrl, `restore version ${target.version}`));
    } finally {
      setRestoring(false);
    }
  };

  return (
    <>
      <Dialog open={open} onClose={onClose} labelledBy={titleId} className="history-panel">
        <div className="history" data-view={selected ? 'detail' : 'list'} data-testid="history-panel">
          <header className="history-header">
            <h2 id={titleId} className="history-title">
              Version history
            </h2>
            <kbd className="hint history-shortcut" title={`Press ${historyShortcutLabel()} to open or close`}>
              {historyShortcutLabel()}
            </kbd>
            <button type="button" className="button button-quiet history-close" onClick={onClose} aria-label="Close version history" title="Close (Esc)">
              <span aria-hidden="true">✕</span>
            </button>
          </header>

          <div className="history-body">
            <section className="history-versions" aria-label="Versions" ref={listColumn}>
              <NameVersionForm busy={naming} disabled={versions.gone} error={nameError} onSave={nameVersion} />

              {message ? (
                <Notice
                  tone="info"
                  title={message.title}
                  actions={
                    <button type="button" className="button button-quiet notice-dismiss" onClick={() => setMessage(null)} aria-label="Dismiss">
                      <span aria-hidden="true">✕</span>
                    </button>
                  }
                >
                  {message.text}
                </Notice>
              ) : null}

              {versions.gone ? (
                <Notice tone="error" title="This document has been deleted">
                  Its versions went with it.
                </Notice>
              ) : versions.error ? (
                <Notice
                  tone={versions.loaded ? 'warn' : 'error'}
                  title={versions.loaded ? 'The list may be out of date' : 'Can’t load the versions'}
                  actions={
                    <button type="button" className="button" onClick={() => void versions.refresh()} disabled={versions.refreshing}>
                      Try again
                    </button>
                  }
                >
                  {describeError(versions.error, apiUrl)}
                </Notice>
              ) : null}

              {!versions.loaded ? (
                versions.error || versions.gone ? null : (
                  <div className="history-loading" aria-busy="true">
                    <span className="visually-hidden">Loading versions…</span>
                    <span className="skeleton" />
                    <span className="skeleton" />
                    <span className="skeleton skeleton-short" />
                  </div>
                )
              ) : versions.versions.length === 0 ? (
                <div className="history-empty">
                  <p>No versions yet.</p>
                  <p className="muted">
                    Tandem keeps one when people pause or every few minutes while they write. Name one above to keep this moment.
                  </p>
                </div>
              ) : (
                <VersionList versions={versions.versions} selected={selected?.version ?? null} now={now} onSelect={select} />
              )}

              {versions.hasNextPage ? (
                <button type="button" className="button load-more" onClick={() => void versions.loadMore()} disabled={versions.loadingMore}>
                  {versions.loadingMore ? 'Loading…' : 'Show more'}
                </button>
              ) : null}
            </section>

            <section className="history-detail" aria-label="Selected version" ref={detailColumn}>
              {selected ? (
                <VersionDetail
                  key={selected.version}
                  documentId={documentId}
                  apiUrl={apiUrl}
                  version={selected}
                  mode={mode}
                  now={now}
                  liveDoc={session?.doc ?? null}
                  canRestore={!versions.gone}
                  onModeChange={setMode}
                  onRestore={() => {
                    setRestoreError(null);
                    setToRestore(selected);
                  }}
                  onBack={back}
                />
              ) : (
                <div className="history-placeholder">
                  <p className="history-placeholder-title">Pick a version</p>
                  <p className="muted">See its text, compare it with the current text, or bring it back.</p>
                </div>
              )}
            </section>
          </div>
        </div>
      </Dialog>

      {/* Outside the panel's dialog: React passes a dialog's cancel (Escape) up its component
          tree, so a confirmation inside the panel would close the panel as well. */}
      <RestoreDialog
        version={toRestore}
        busy={restoring}
        error={restoreError}
        onCancel={() => setToRestore(null)}
        onConfirm={() => void restore()}
      />
    </>
  );
}
