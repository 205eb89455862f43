// The documents that are live in this process: loaded on first use (concurrent openers share
// one load), followed on the fan-out bus while live, and evicted once nobody has used them for
// `idleMs`, or sooner when together they outgrow `maxBytes` (memory-budget.ts decides which).
// Messages from other instances are applied here; a sequence gap is filled from the database.
import type { FanoutBus, FanoutMessage } from '../fanout/bus.js';
import type { Logger } from '../logger.js';
import { DocumentSizes } from './document-sizes.js';
import { documentNotFound } from './errors.js';
import { LiveDocument } from './live-document.js';
import { BUSY_MS, overBudget } from './memory-budget.js';
import type { DocumentStore } from './store.js';

/** How long a sequence gap may stay open before we read the missing updates ourselves. */
const GAP_GRACE_MS = 100;

export interface RegistryOptions {
  idleMs: number;
  /** Encoded bytes all live documents may take together (0: no bound). */
  maxBytes?: number;
  now: () => number;
  /** Called before an idle document is dropped (to store a last version). */
  beforeEvict?: (live: LiveDocument) => Promise<void>;
  /** Another instance renamed the document or stored a version of it. */
  onChanged?: (documentId: string) => void;
  /** A document left memory (for the metrics). */
  onEvicted?: (reason: 'idle' | 'memory') => void;
}

/** What the registry holds, for the metrics. */
export interface RegistryStats {
  documents: number;
  /** Estimated encoded size of all of them (document-sizes.ts). */
  bytes: number;
  /** Open subscriptions to them. */
  subscriptions: number;
}

interface Entry {
  live: LiveDocument;
  unfollow: () => void;
  gapTimer: NodeJS.Timeout | null;
}

export class DocumentRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<LiveDocument>>();
  /** Documents reset after a failed commit: their other commits in flight, which a reload awaits. */
  private readonly settling = new Map<string, Promise<unknown>>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly sizes = new DocumentSizes();
  /** Documents whose eviction is under way (a last version being stored). */
  private readonly evicting = new Set<Entry>();
  /** When growth last led to a look at the budget (at most one a second: pushes are frequent). */
  private budgetCheckedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: DocumentStore,
    private readonly bus: FanoutBus,
    private readonly log: Logger,
    private readonly options: RegistryOptions,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), Math.max(1000, Math.min(options.idleMs, 30_000)));
    this.sweeper.unref();
    bus.onReconnect(() => {
      for (const entry of this.entries.values()) void this.catchUpEntry(entry);
      // A document still loading may have read the database before the link came back, and
      // missed what was published meanwhile: it catches up once it is in.
      for (const [id, loading] of this.loading) {
        loading.then(
          () => {
            const entry = this.entries.get(id);
            if (entry) void this.catchUpEntry(entry);
          },
          () => {},
        );
      }
    });
  }

  /** The live document; NOT_FOUND when there is no such document. */
  async open(id: string): Promise<LiveDocument> {
    const entry = this.entries.get(id);
    if (entry) {
      entry.live.touch();
      return entry.live;
    }
    let pending = this.loading.get(id);
    if (!pending) {
      pending = this.load(id).finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  get(id: string): LiveDocument | undefined {
    return this.entries.get(id)?.live;
  }

  stats(): RegistryStats {
    let subscriptions = 0;
    for (const { live } of this.entries.values()) subscriptions += live.subscribers;
    return { documents: this.entries.size, bytes: this.sizes.totalBytes(), subscriptions };
  }

  /** The document was deleted (here or elsewhere): end its subscriptions and forget it. */
  drop(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.live.markEnded('deleted');
    this.discard(id, entry);
  }

  /**
   * A commit of an update already applied to `live` failed: the copy now holds something the
   * database lacks, and its state vector would tell clients the server has it. End its
   * subscriptions (they subscribe again and SYNC, pushing back whatever they hold that the
   * server lacks) and forget it; the next open reads the document back from the database,
   * once the other commits applied to this copy have settled, so that it holds those that
   * succeeded. Nothing else is lost: the failed push's writer resends it (DESIGN.md, "Server").
   */
  reset(live: LiveDocument): void {
    const entry = this.entries.get(live.id);
    if (!entry || entry.live !== live) return;
    const settled = live.settled();
    this.settling.set(live.id, settled);
    void settled.then(() => {
      if (this.settling.get(live.id) === settled) this.settling.delete(live.id);
    });
    this.log.warn('live document reset after a failed commit', { documentId: live.id });
    live.markEnded('reset');
    this.discard(live.id, entry, settled);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.loading.values()]);
    for (const [id, entry] of [...this.entries]) this.discard(id, entry);
  }

  /**
   * Forgets a live document: no more fan-out for it, no timers, its Y.Docs freed (once `inUse`
   * settles: pushes still waiting for their commits answer with its state vector).
   */
  private discard(id: string, entry: Entry, inUse?: Promise<unknown>): void {
    this.entries.delete(id);
    this.sizes.untrack(entry.live);
    entry.unfollow();
    if (entry.gapTimer) clearTimeout(entry.gapTimer);
    if (inUse) void inUse.then(() => entry.live.destroy());
    else entry.live.destroy();
  }

  private async load(id: string): Promise<LiveDocument> {
    await this.settling.get(id);
    // Follow first, then read: an update stored between the two arrives by fan-out, and one
    // stored before is in what we read. Either way none falls in between.
    const buffered: FanoutMessage[] = [];
    let target: Entry | null = null;
    const unfollow = await this.bus.follow(id, (message) => {
      if (target) this.receive(target, message);
      else buffered.push(message);
    });
    try {
      const started = performance.now();
      const state = await this.store.loadState(id);
      if (!state) throw documentNotFound(id);
      const read = performance.now();
      const live = LiveDocument.load(id, this.options.now, state.snapshot, state.updates);
      if (live.unreadable.length > 0) {
        this.log.error('stored updates that Yjs cannot apply were skipped', { documentId: id, seqs: live.unreadable });
      }
      live.onUnreadable = (seq, error) =>
        this.log.error('a stored update that Yjs cannot apply was skipped', { documentId: id, seq, error });
      target = { live, unfollow, gapTimer: null };
      this.entries.set(id, target);
      this.sizes.track(live, () => this.afterGrowth(id));
      this.keepWithinBudget(id);
      for (const message of buffered) this.receive(target, message);
      this.log.debug('document loaded', {
        documentId: id,
        updates: state.updates.length,
        seq: live.appliedSeq,
        readMs: Math.round(read - started),
        buildMs: Math.round(performance.now() - read),
      });
      return live;
    } catch (error) {
      unfollow();
      throw error;
    }
  }

  private receive(entry: Entry, message: FanoutMessage): void {
    switch (message.kind) {
      case 'update':
        entry.live.applyStored(message.update, message.seq, message.origin);
        this.watchEntryGap(entry);
        return;
      case 'version':
        entry.live.markVersioned(message.seq);
        this.options.onChanged?.(entry.live.id);
        return;
      case 'renamed':
        this.options.onChanged?.(entry.live.id);
        return;
      case 'deleted':
        this.drop(entry.live.id);
        return;
      case 'awareness':
      case 'thread':
        // Awareness and comment threads have hubs of their own (awareness/awareness-hub.ts,
        // comments/thread-events.ts), which follow separately.
        return;
    }
  }

  /** Called after applying anything with a seq: a gap that stays open is read from the DB. */
  watchGap(documentId: string): void {
    const entry = this.entries.get(documentId);
    if (entry) this.watchEntryGap(entry);
  }

  private watchEntryGap(target: Entry): void {
    if (!target.live.hasGap() || target.gapTimer) return;
    target.gapTimer = setTimeout(() => {
      target.gapTimer = null;
      if (target.live.hasGap()) void this.catchUpEntry(target);
    }, GAP_GRACE_MS);
  }

  /** Applies to `live` what is stored and it has not applied yet (other instances' updates not heard of). */
  async catchUp(live: LiveDocument): Promise<void> {
    const entry = this.entries.get(live.id);
    if (entry && entry.live === live) await this.catchUpEntry(entry);
  }

  private async catchUpEntry(entry: Entry): Promise<void> {
    const { live } = entry;
    try {
      const updates = await this.store.updatesAfter(live.id, live.appliedSeq);
      const first = updates[0];
      if (!first || first.seq > live.appliedSeq + 1) {
        // What we missed may have been compacted into a version (with or without updates
        // after it): take the version when it covers more than we have.
        const state = await this.store.loadState(live.id);
        if (state?.snapshot && state.snapshot.seq > live.appliedSeq) {
          live.applyState(state.snapshot.state);
          live.markCoveredUpTo(state.snapshot.seq);
        }
      }
      for (const update of updates) live.applyStored(update.data, update.seq, update.origin);
      this.log.debug('caught up after a sequence gap', { documentId: live.id, seq: live.appliedSeq });
    } catch (error) {
      this.log.warn('catching up after a sequence gap failed', { documentId: live.id, error });
    }
  }

  private async sweep(): Promise<void> {
    const now = this.options.now();
    const stillIdle = (live: LiveDocument) => live.subscribers === 0 && this.options.now() - live.lastActivity >= this.options.idleMs;
    for (const [id, entry] of this.entries) {
      const { live } = entry;
      if (live.subscribers > 0 || now - live.lastActivity < this.options.idleMs) continue;
      await this.evict(id, entry, 'idle', () => stillIdle(live));
    }
    this.keepWithinBudget();
  }

  private afterGrowth(id: string): void {
    const now = this.options.now();
    if (now - this.budgetCheckedAt < BUSY_MS) return;
    this.budgetCheckedAt = now;
    this.keepWithinBudget(id);
  }

  /** Evicts idle documents while all of them together are over `maxBytes`; never `keep`. */
  private keepWithinBudget(keep?: string): void {
    const maxBytes = this.options.maxBytes ?? 0;
    if (maxBytes <= 0 || this.sizes.totalBytes() <= maxBytes) return;
    const candidates = [...this.entries]
      .filter(([, entry]) => !this.evicting.has(entry))
      .map(([id, { live }]) => ({ id, bytes: this.sizes.of(live), lastActivity: live.lastActivity, subscribers: live.subscribers }));
    for (const id of overBudget(candidates, maxBytes, this.options.now(), keep)) {
      const entry = this.entries.get(id)!;
      const chosenAt = entry.live.lastActivity;
      // Still unused since it was chosen, and still needed: others' evictions may have made room.
      const stillFits = () =>
        entry.live.subscribers === 0 && entry.live.lastActivity === chosenAt && this.sizes.totalBytes() > maxBytes;
      void this.evict(id, entry, 'memory', stillFits);
    }
  }

  /**
   * Stores a last version of an idle document if it has unversioned edits, then forgets it,
   * unless `stillEvictable` says otherwise once that is done (it may have been used meanwhile).
   */
  private async evict(id: string, entry: Entry, reason: 'idle' | 'memory', stillEvictable: () => boolean): Promise<void> {
    if (this.evicting.has(entry)) return;
    this.evicting.add(entry);
    try {
      try {
        await this.options.beforeEvict?.(entry.live);
      } catch (error) {
        this.log.warn('could not store a version before eviction', { documentId: id, error });
      }
      if (!stillEvictable() || this.entries.get(id) !== entry) return;
      this.discard(id, entry);
      this.options.onEvicted?.(reason);
      this.log.debug('document evicted', { documentId: id, reason });
    } finally {
      this.evicting.delete(entry);
    }
  }
}
