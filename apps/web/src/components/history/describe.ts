// How a version is named and summed up in the history panel: pure functions, no React.
import { errorCode, describeError } from '@/lib/errors';
import type { SnapshotKind, VersionSummary } from '@/lib/operations';
import { changes } from '@/lib/status';

/** What a version without a label is called, by why it was stored. */
const KIND_TITLE: Record<SnapshotKind, string> = {
  AUTO: 'Automatic version',
  MANUAL: 'Saved version',
  NAMED: 'Named version',
  RESTORE: 'Restored version',
};

export function versionTitle(version: Pick<VersionSummary, 'label' | 'kind'>): string {
  return version.label?.trim() || KIND_TITLE[version.kind];
}

/** "812 B", "2.3 kB", "1.1 MB": the size of the stored state. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** "Ada", "Ada and Grace", "Ada, Grace and 3 others"; null when nobody edited. */
export function formatAuthors(authors: readonly string[]): string | null {
  const names = authors.filter((name) => name.trim());
  if (names.length === 0) return null;
  if (names.length === 1) return names[0]!;
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]}`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} others`;
}

/** "14 changes · 2.3 kB", the numbers of a version as one line. */
export function versionFigures(version: Pick<VersionSummary, 'updateCount' | 'byteSize'>): string {
  return `${version.updateCount === 0 ? 'No changes' : changes(version.updateCount)} · ${formatBytes(version.byteSize)}`;
}

export function characters(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? 'character' : 'characters'}`;
}

export function versionGone(version: number): string {
  return `Version ${version} is no longer kept: older automatic versions are thinned out as they age, or the document was deleted. Pick another version.`;
}

/**
 * Why a request about a version failed. NOT_FOUND here is about the version: retention thins
 * out old automatic versions, so one listed when the panel opened may be gone by now.
 */
export function versionProblem(error: unknown, apiUrl: string, version: number): { gone: boolean; message: string } {
  if (errorCode(error) === 'NOT_FOUND') return { gone: true, message: versionGone(version) };
  return { gone: false, message: describeError(error, apiUrl) };
}

/** The exact moment, to the second (versions can be seconds apart), for tooltips. */
export function exactTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'medium' });
}
