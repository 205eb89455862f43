// When the API stores a version on its own (kind AUTO): after `everyUpdates` updates, when the
// oldest unversioned update is `everyMs` old, or when the document has been quiet for `idleMs`
// after edits (a pause is a natural point to come back to). Named versions and restores are
// stored on request; see service.ts.
import type { LiveDocument } from './live-document.js';

export interface VersionPolicy {
  everyUpdates: number;
  everyMs: number;
  idleMs: number;
}

export type VersionTrigger = 'updates' | 'age' | 'idle' | null;

export function versionTrigger(live: LiveDocument, policy: VersionPolicy, now: number): VersionTrigger {
  if (live.unversionedCount === 0 || live.unversionedSince === null) return null;
  if (live.unversionedCount >= policy.everyUpdates) return 'updates';
  if (now - live.unversionedSince >= policy.everyMs) return 'age';
  if (now - live.lastWriteAt >= policy.idleMs) return 'idle';
  return null;
}
