'use client';

import { useRef, type KeyboardEvent } from 'react';
import type { VersionSummary } from '@/lib/operations';
import { relativeTime } from '@/lib/time';
import { exactTime, formatAuthors, versionFigures, versionTitle } from './describe';

/**
 * The versions, newest first, as a column of buttons on a timeline. Arrow keys, Home and End
 * move between them; Enter or a click selects one.
 */
export function VersionList({
  versions,
  selected,
  now,
  onSelect,
}: {
  versions: VersionSummary[];
  selected: number | null;
  now: number;
  onSelect: (version: VersionSummary) => void;
}) {
  const list = useRef<HTMLOListElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const buttons = Array.from(list.current?.querySelectorAll<HTMLButtonElement>('button.version') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at === -1) return;
    const next =
      event.key === 'ArrowDown' ? at + 1 : event.key === 'ArrowUp' ? at - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : null;
    if (next === null) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, next))]?.focus();
  };

  return (
    <ol className="version-list" ref={list} onKeyDown={onKeyDown} aria-label="Versions, newest first" data-testid="version-list">
      {versions.map((version) => {
        const authors = formatAuthors(version.authors);
        const current = version.version === selected;
        return (
          <li key={version.id} className="version-item" data-kind={version.kind}>
            <button
              type="button"
              className="version"
              aria-current={current ? 'true' : undefined}
              data-version={version.version}
              onClick={() => onSelect(version)}
            >
              <span className="version-marker" aria-hidden="true" />
              <span className="version-title">
                {versionTitle(version)}
              </span>
              <span className="version-line">
                <time dateTime={version.createdAt} title={exactTime(version.createdAt)}>
                  {relativeTime(version.createdAt, now)}
                </time>
                <span aria-hidden="true"> · </span>
                <span>version {version.version}</span>
              </span>
              <span className="version-line">
                {authors ? (
                  <>
                    <span className="version-authors" title={version.authors.join(', ')}>
                      {authors}
                    </span>
                    <span aria-hidden="true"> · </span>
                  </>
                ) : null}
                <span className="version-figures">{versionFigures(version)}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
