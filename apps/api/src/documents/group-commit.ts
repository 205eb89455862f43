// Group commit: callers submit writes one by one; while one batch is being committed, newer
// writes queue up and all of them go into the next transaction. Under load many pushes share
// a transaction (and one fsync); with no load a write is committed at once, with no added delay.

export type BatchOutcome<R> = { ok: true; value: R } | { ok: false; error: Error };

/** Told about every batch committed: how many writes, and how long the commit took. */
export type BatchObserver = (size: number, seconds: number) => void;

interface Entry<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: Error) => void;
}

export class GroupCommit<T, R> {
  private queue: Entry<T, R>[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    /** Commits a batch; returns one outcome per item, in order. Throwing fails the whole batch. */
    private readonly commit: (items: T[]) => Promise<BatchOutcome<R>[]>,
    private readonly maxBatch = 1000,
    private readonly observe?: BatchObserver,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.flushing ??= this.drain();
    });
  }

  /** Resolves when everything submitted so far has been committed (or failed). */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private settle(batch: Entry<T, R>[], outcomes: BatchOutcome<R>[]): void {
    batch.forEach((entry, index) => {
      const outcome = outcomes[index];
      if (!outcome) entry.reject(new Error('group commit returned no outcome for a write'));
      else if (outcome.ok) entry.resolve(outcome.value);
      else entry.reject(outcome.error);
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        // Let every write whose message is already in this turn of the event loop join the
        // batch. Needed for embedded PGlite above all: its work runs on this thread, so while
        // a commit runs no request is read, and without this yield each batch would hold the
        // one write that arrived first.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const started = performance.now();
          const outcomes = await this.commit(batch.map((entry) => entry.item));
          this.observe?.(batch.length, (performance.now() - started) / 1000);
          this.settle(batch, outcomes);
        } catch (error) {
          if (batch.length === 1) {
            batch[0]!.reject(error as Error);
            continue;
          }
          // One write may be what the database refused: it must not fail the others. Each
          // goes again on its own, so only the culprit fails.
          for (const entry of batch) {
            try {
              this.settle([entry], await this.commit([entry.item]));
            } catch (single) {
              entry.reject(single as Error);
            }
          }
        }
      }
    } finally {
      this.flushing = null;
    }
  }
}
