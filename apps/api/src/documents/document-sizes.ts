// How big each live document is, as the size of its encoded state (Y.encodeStateAsUpdate):
// for the metrics and for the memory budget (memory-budget.ts). Encoding a document costs a
// pass over it, so it is measured when it is loaded, then grown by the size of each update
// applied, and measured again once the updates since the last measure add up to as much as
// the document itself. Deleted content that Yjs collects makes the estimate run high, never by
// more than twice; the cost of measuring stays proportional to what was written. The measure
// is the live document's own whole-state encoding (LiveDocument.diff), which it keeps until the
// document changes: the SYNC that follows a load sends those same bytes, so a cold load of a
// large document encodes it once, not twice.
import type { LiveDocument } from './live-document.js';

interface Tracked {
  measured: number;
  added: number;
  unlisten: () => void;
}

export class DocumentSizes {
  private readonly tracked = new Map<LiveDocument, Tracked>();
  private total = 0;

  /** Starts following a live document's size; `onGrow` runs after each update it gets. */
  track(live: LiveDocument, onGrow?: () => void): void {
    if (this.tracked.has(live)) return;
    const entry: Tracked = { measured: live.diff().byteLength, added: 0, unlisten: () => {} };
    this.total += entry.measured;
    entry.unlisten = live.listen((event) => {
      entry.added += event.update.byteLength;
      this.total += event.update.byteLength;
      if (entry.added > entry.measured) this.measure(live, entry);
      onGrow?.();
    });
    this.tracked.set(live, entry);
  }

  untrack(live: LiveDocument): void {
    const entry = this.tracked.get(live);
    if (!entry) return;
    entry.unlisten();
    this.total -= entry.measured + entry.added;
    this.tracked.delete(live);
  }

  /** Estimated encoded size of one document, in bytes. */
  of(live: LiveDocument): number {
    const entry = this.tracked.get(live);
    return entry ? entry.measured + entry.added : 0;
  }

  /** Estimated encoded size of every tracked document, in bytes. */
  totalBytes(): number {
    return this.total;
  }

  private measure(live: LiveDocument, entry: Tracked): void {
    const size = live.diff().byteLength;
    this.total += size - entry.measured - entry.added;
    entry.measured = size;
    entry.added = 0;
  }
}
