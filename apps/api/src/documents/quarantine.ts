// Updates whose dependencies a document lacks, kept aside instead of being left to Yjs (issue 11).
//
// Yjs keeps such an update in `doc.store.pendingStructs` / `pendingDs` and integrates it the
// moment its dependencies arrive: a forged "future" struct then takes the clock its real author
// is about to use, or a deletion of text not yet typed removes it as it arrives, and pending
// content grows without bound and travels to every client in each SYNC. Here it waits outside
// the document, bounded per document by bytes and by age, and goes through the normal push path
// (checked, stored, applied, fanned out) once its dependencies are in the document.
//
// Honest clients send such updates too, briefly: a client on one instance may build on an update
// that another instance has stored but not yet applied (Redis fan-out lag), or on one this
// instance fanned out but failed to store (its writer resends it). Their push is acknowledged,
// and an acknowledgement means on disk: the held update is stored (GuardStore.quarantine) before
// the answer, and found there again after a restart.
import type { Logger } from '../logger.js';
import { DomainError, rateLimited } from './errors.js';
import type { GuardStore, QuarantinedRow } from './guard-store.js';
import { type ClockOf, type MissingClocks, decodeUpdate, dependenciesArrived, missingDependencies } from './update-structure.js';

export interface QuarantineLimits {
  /** Metrics: each update held, and how each ended. */
  observe?: (outcome: 'held' | 'released' | 'expired' | 'refused') => void;
  /** Bytes of held updates one document may have; a push beyond it is RATE_LIMITED. */
  maxBytes: number;
  /** A held update whose dependencies have not arrived after this long is dropped (ms). */
  maxAgeMs: number;
}

/** The longest a push refused for a full quarantine is told to wait (seconds). */
const RETRY_AFTER_FULL_SECONDS = 10;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}

interface Held {
  row: QuarantinedRow;
  missing: MissingClocks;
  /** Being pushed through the normal path; not to be released twice. */
  releasing: boolean;
}

/** Sends a held update through the normal push path; rejects when it cannot be applied (yet). */
export type Release = (row: QuarantinedRow) => Promise<void>;

export class Quarantine {
  private readonly held: Held[] = [];
  private bytes = 0;

  constructor(
    private readonly documentId: string,
    private readonly clock: ClockOf,
    private readonly store: GuardStore,
    private readonly limits: QuarantineLimits,
    private readonly now: () => number,
    private readonly release: Release,
    private readonly log: Logger,
  ) {}

  /** Takes up the rows stored earlier (before a restart, or by another instance). */
  adopt(rows: QuarantinedRow[]): void {
    for (const row of rows) {
      let missing: MissingClocks;
      try {
        missing = missingDependencies(decodeUpdate(row.data), this.clock) ?? new Map<number, number>();
      } catch {
        continue; // it decoded when it was held; should it not now, releasing it would fail too
      }
      this.held.push({ row, missing, releasing: false });
      this.bytes += row.data.byteLength;
    }
  }

  /** Stores `row` aside until `missing` arrives; RATE_LIMITED when the document holds too much already. */
  async hold(input: Omit<QuarantinedRow, 'id' | 'createdAt'>, missing: MissingClocks): Promise<void> {
    await this.expire();
    // A client that sends the same update again (its acknowledgement was lost) is answered alike.
    if (this.held.some((entry) => sameBytes(entry.row.data, input.data))) return;
    if (this.bytes + input.data.byteLength > this.limits.maxBytes) {
      // Soon, rather than when the oldest expires: an honest update is held only until what it
      // builds on arrives, usually within moments, and then it is not held at all.
      const oldest = this.held[0]?.row.createdAt.getTime() ?? this.now();
      const wait = Math.min(RETRY_AFTER_FULL_SECONDS, (oldest + this.limits.maxAgeMs - this.now()) / 1000);
      throw rateLimited('too many changes in this document wait for changes they build on; try again later', wait);
    }
    // Counted before the write, so that pushes arriving meanwhile see the bound too.
    this.bytes += input.data.byteLength;
    let row: QuarantinedRow;
    try {
      row = await this.store.quarantine({ documentId: this.documentId, ...input });
    } catch (error) {
      this.bytes -= input.data.byteLength;
      throw error;
    }
    this.held.push({ row, missing, releasing: false });
    this.limits.observe?.('held');
    // What it waits for may have arrived while it was being stored.
    this.check();
  }

  /** Releases every held update whose dependencies are now in the document (and drops the old ones). */
  check(): void {
    if (this.held.length === 0) return;
    const cutoff = this.now() - this.limits.maxAgeMs;
    let stale = false;
    for (const entry of this.held) {
      if (entry.releasing) continue;
      if (entry.row.createdAt.getTime() <= cutoff) {
        stale = true;
        continue;
      }
      if (!dependenciesArrived(entry.missing, this.clock)) continue;
      entry.releasing = true;
      void this.release(entry.row).then(
        () => this.remove(entry, 'released'),
        (error: unknown) => {
          // Still missing something (checked against a document that changed meanwhile): wait on.
          const missing = missingDependencies(decodeUpdate(entry.row.data), this.clock);
          if (missing) {
            entry.missing = missing;
            entry.releasing = false;
            return;
          }
          // The database failed, say: try again with the next change to the document.
          if (!(error instanceof DomainError)) {
            entry.releasing = false;
            return;
          }
          this.log.warn('a held update could not be applied; dropped', { documentId: this.documentId, error });
          return this.remove(entry, 'refused');
        },
      ).catch((error: unknown) => this.log.warn('releasing a held update failed', { documentId: this.documentId, error }));
    }
    if (stale) void this.expire();
  }

  /** Drops held updates older than maxAgeMs: what they build on never came. */
  async expire(): Promise<void> {
    const cutoff = this.now() - this.limits.maxAgeMs;
    const old = this.held.filter((entry) => !entry.releasing && entry.row.createdAt.getTime() <= cutoff);
    for (const entry of old) await this.remove(entry, 'expired');
  }

  private async remove(entry: Held, reason: 'released' | 'refused' | 'expired'): Promise<void> {
    const index = this.held.indexOf(entry);
    if (index < 0) return;
    this.held.splice(index, 1);
    this.bytes -= entry.row.data.byteLength;
    this.limits.observe?.(reason);
    if (reason !== 'released') this.log.info('held update dropped', { documentId: this.documentId, reason, bytes: entry.row.data.byteLength });
    try {
      await this.store.release([entry.row.id]);
    } catch (error) {
      // The document may be gone; a row left behind is dropped by age when it is loaded again.
      this.log.debug('could not delete a held update', { documentId: this.documentId, error });
    }
  }
}
