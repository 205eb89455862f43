// Keeps "DocumentSearch" current, off the path of the edit itself: a change only schedules the
// document; its text is read from the live Y.Doc and written once the document has been quiet
// for `delayMs` (a burst of keystrokes costs one write), or at the latest `maxDelayMs` after the
// first unindexed change (someone typing without pause is still found). Only the instance that
// stored a change schedules it, so several instances do not write the same text.
//
// What a crash or an upgrade leaves behind (a missing entry, a lower seq than the document's)
// is found by `backfill`, which runs once at start-up.
import type { Logger } from '../logger.js';
import type { SearchStore, SearchText } from './search-store.js';

export interface SearchIndexerOptions {
  delayMs: number;
  maxDelayMs: number;
}

interface Pending {
  timer: NodeJS.Timeout;
  firstAt: number;
}

const BACKFILL_BATCH = 100;

export class SearchIndexer {
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly store: SearchStore,
    /** The text search should read now, or null when the document is gone. */
    private readonly readText: (documentId: string) => Promise<SearchText | null>,
    private readonly log: Logger,
    private readonly options: SearchIndexerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** The document changed (its body or title): index it once it has been quiet for a moment. */
  schedule(documentId: string): void {
    if (this.closed) return;
    const previous = this.pending.get(documentId);
    const firstAt = previous?.firstAt ?? this.now();
    if (previous) clearTimeout(previous.timer);
    const delay = Math.max(0, Math.min(this.options.delayMs, firstAt + this.options.maxDelayMs - this.now()));
    const timer = setTimeout(() => this.run(documentId), delay);
    timer.unref();
    this.pending.set(documentId, { timer, firstAt });
  }

  /** Indexes the document now (and drops what was scheduled for it). */
  index(documentId: string): Promise<void> {
    const scheduled = this.pending.get(documentId);
    if (scheduled) clearTimeout(scheduled.timer);
    this.pending.delete(documentId);
    const task = this.write(documentId).finally(() => this.running.delete(task));
    this.running.add(task);
    return task;
  }

  /** Indexes every document whose entry is missing or stale; resolves with how many. */
  async backfill(): Promise<number> {
    let after = '';
    let count = 0;
    while (!this.closed) {
      const ids = await this.store.stale(after, BACKFILL_BATCH);
      if (ids.length === 0) break;
      for (const id of ids) {
        if (this.closed) break;
        await this.index(id);
        count += 1;
      }
      after = ids.at(-1)!;
    }
    if (count > 0) this.log.info('search index caught up', { documents: count });
    return count;
  }

  /** Writes whatever is scheduled now and waits for it (graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending.keys()].map((id) => this.index(id)));
    await Promise.allSettled([...this.running]);
  }

  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
  }

  private run(documentId: string): void {
    void this.index(documentId);
  }

  private async write(documentId: string): Promise<void> {
    try {
      const text = await this.readText(documentId);
      if (text) await this.store.write(text);
    } catch (error) {
      // The entry stays behind; the next change, or the next start's backfill, writes it.
      this.log.warn('could not index a document for search', { documentId, error });
    }
  }
}
