// One document in memory: the Y.Doc every client syncs against, kept equal to what is stored.
//
// Validation: the contract asks that an update be rejected, changing nothing, when applying it
// throws. Yjs can throw half-way through applying (e.g. an item whose parent is not a type),
// leaving the doc partly changed, so the trial must happen on a copy. Copying the doc for each
// keystroke is O(document); instead we keep `replica`, a second Y.Doc fed every update the live
// doc gets, and try each new update there first. The replica is always the live doc plus the
// updates that passed their trial and wait for their commit (`awaitingCommit`): a rebuild after
// a failed trial (bad input, rare) or a failed commit restores exactly that. This costs a
// second copy of the document in memory.
//
// Sequence numbers: every stored update has a per-document `seq`. `appliedSeq` is the highest
// n such that all of 1..n are applied here; seqs applied above it wait in `aheadSeqs`. A gap
// that does not close by itself (a fan-out message lost between instances) is read back from
// the database by the registry (see `hasGap`).
import * as Y from 'yjs';
import { badInput } from './errors.js';

export interface AppliedUpdate {
  update: Uint8Array;
  origin: string | null;
  stateVector: Uint8Array;
}

type Listener = (event: AppliedUpdate) => void;

/** Transaction origin for updates that were applied because they are stored. */
const STORED = Symbol('stored');

export class LiveDocument {
  readonly doc = new Y.Doc({ gc: true });
  private replica = new Y.Doc({ gc: true });
  /** Updates that passed validate() and are being stored; they are in the replica, not the doc. */
  private readonly awaitingCommit = new Set<Uint8Array>();
  /** Seqs of stored updates that threw when applied (logged by the registry). */
  readonly unreadable: number[] = [];
  onUnreadable: ((seq: number, error: Error) => void) | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly deletedListeners = new Set<() => void>();
  appliedSeq = 0;
  private readonly aheadSeqs = new Set<number>();
  /** Updates applied since the newest version, and when the first of them arrived. */
  unversionedCount = 0;
  unversionedSince: number | null = null;
  lastActivity: number;
  /** When the last update was applied (the idle-version trigger counts from here). */
  lastWriteAt: number;
  subscribers = 0;
  private cachedStateVector: Uint8Array | null = null;

  constructor(
    readonly id: string,
    private readonly now: () => number,
  ) {
    this.lastActivity = now();
    this.lastWriteAt = this.lastActivity;
    // Whatever changes the doc (stored updates, versions, a restore) makes the cached vector stale.
    this.doc.on('afterTransaction', () => {
      this.cachedStateVector = null;
    });
  }

  /** Builds the document from its newest version plus the log after it. */
  static load(id: string, now: () => number, snapshot: { state: Uint8Array; seq: number } | null, updates: { seq: number; data: Uint8Array }[]): LiveDocument {
    const live = new LiveDocument(id, now);
    if (snapshot) live.applyBoth(snapshot.state);
    live.appliedSeq = snapshot?.seq ?? 0;
    for (const update of updates) {
      // One stored update that Yjs cannot apply must not make the whole document unreadable.
      try {
        live.applyBoth(update.data);
      } catch {
        live.unreadable.push(update.seq);
        live.rebuildReplica();
      }
      live.markApplied(update.seq);
    }
    live.unversionedCount = updates.length;
    live.unversionedSince = updates.length > 0 ? now() : null;
    return live;
  }

  /**
   * Throws BAD_USER_INPUT unless `update` decodes and applies cleanly. Touches nothing the
   * clients see: the trial runs on the replica. Returns false for an update that holds
   * nothing at all (no structs, no deletions), which need not be stored.
   */
  validate(update: Uint8Array): boolean {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch (error) {
      throw badInput(`update is not a Yjs update (${(error as Error).message || 'decoding failed'})`);
    }
    try {
      Y.applyUpdate(this.replica, update);
    } catch (error) {
      this.rebuildReplica();
      throw badInput(`update cannot be applied to this document (${(error as Error).message || 'Yjs threw'})`);
    }
    const holdsSomething = decoded.structs.length > 0 || decoded.ds.clients.size > 0;
    if (holdsSomething) this.awaitingCommit.add(update);
    return holdsSomething;
  }

  /** A validated update will not be stored (its commit failed): take it out of the replica. */
  abandon(update: Uint8Array): void {
    if (this.awaitingCommit.delete(update)) this.rebuildReplica();
  }

  /**
   * Applies a stored update and tells subscribers, unless it changed nothing (then it is not
   * broadcast). An update whose dependencies are missing still counts: Yjs keeps it pending,
   * and other clients need it too.
   */
  applyStored(update: Uint8Array, seq: number, origin: string | null, validated = false): boolean {
    if (seq <= this.appliedSeq || this.aheadSeqs.has(seq)) return false;
    // A validated update is already in the replica (rebuilds keep it there until it is
    // applied here); applying it there again would be wasted work.
    this.awaitingCommit.delete(update);
    let changed: boolean;
    try {
      changed = this.applyBoth(update, !validated);
    } catch (error) {
      // Stored, yet Yjs throws applying it (it passed validation against another state, or came
      // from another instance): skip it rather than fail everything after it.
      this.markApplied(seq);
      this.unreadable.push(seq);
      this.rebuildReplica();
      this.onUnreadable?.(seq, error as Error);
      return false;
    }
    this.markApplied(seq);
    this.unversionedCount += 1;
    this.unversionedSince ??= this.now();
    this.lastActivity = this.lastWriteAt = this.now();
    if (changed) {
      const event = { update, origin, stateVector: this.stateVector() };
      for (const listener of this.listeners) listener(event);
    }
    return changed;
  }

  /** Applies state that is already stored under some seq we cannot name (a version). */
  applyState(state: Uint8Array): void {
    if (this.applyBoth(state)) {
      const event = { update: state, origin: null, stateVector: this.stateVector() };
      for (const listener of this.listeners) listener(event);
    }
  }

  /** Everything this document has that `stateVector` lacks. */
  diff(stateVector?: Uint8Array): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  /** The doc's state vector; kept until the doc changes (every push answers with it). */
  stateVector(): Uint8Array {
    this.cachedStateVector ??= Y.encodeStateVector(this.doc);
    return this.cachedStateVector;
  }

  /** Someone used the document just now (keeps it from being evicted). */
  touch(): void {
    this.lastActivity = this.now();
  }

  /** Whether some seq below the highest one applied has not arrived. */
  hasGap(): boolean {
    return this.aheadSeqs.size > 0;
  }

  /** Registers a listener for applied updates; returns the function that removes it. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onDeleted(listener: () => void): () => void {
    this.deletedListeners.add(listener);
    return () => this.deletedListeners.delete(listener);
  }

  markDeleted(): void {
    for (const listener of this.deletedListeners) listener();
    this.deletedListeners.clear();
  }

  markVersioned(seq: number): void {
    if (seq >= this.appliedSeq) {
      this.unversionedCount = 0;
      this.unversionedSince = null;
    }
  }

  destroy(): void {
    this.listeners.clear();
    this.deletedListeners.clear();
    this.doc.destroy();
    this.replica.destroy();
  }

  private applyBoth(update: Uint8Array, toReplica = true): boolean {
    const pendingBefore = pendingOf(this.doc);
    let changed = false;
    // 'afterTransaction' rather than 'update': a listener on 'update' makes Yjs encode every
    // transaction as an update, work thrown away here on every push.
    const onTransaction = (transaction: Y.Transaction) => {
      changed ||= transactionChanged(transaction);
    };
    this.doc.on('afterTransaction', onTransaction);
    try {
      Y.applyUpdate(this.doc, update, STORED);
    } finally {
      this.doc.off('afterTransaction', onTransaction);
    }
    if (toReplica) {
      try {
        Y.applyUpdate(this.replica, update, STORED);
      } catch {
        this.rebuildReplica();
      }
    }
    const pendingAfter = pendingOf(this.doc);
    return changed || pendingAfter[0] !== pendingBefore[0] || pendingAfter[1] !== pendingBefore[1];
  }

  private markApplied(seq: number): void {
    if (seq <= this.appliedSeq) return;
    this.aheadSeqs.add(seq);
    while (this.aheadSeqs.delete(this.appliedSeq + 1)) this.appliedSeq += 1;
  }

  /** Skips ahead after reading a version that covers everything up to `seq`. */
  markCoveredUpTo(seq: number): void {
    if (seq > this.appliedSeq) this.appliedSeq = seq;
    for (const ahead of this.aheadSeqs) if (ahead <= this.appliedSeq) this.aheadSeqs.delete(ahead);
    while (this.aheadSeqs.delete(this.appliedSeq + 1)) this.appliedSeq += 1;
  }

  private rebuildReplica(): void {
    this.replica.destroy();
    this.replica = new Y.Doc({ gc: true });
    Y.applyUpdate(this.replica, Y.encodeStateAsUpdate(this.doc));
    for (const update of this.awaitingCommit) {
      try {
        Y.applyUpdate(this.replica, update);
      } catch {
        // It applied before on a replica that held it; should it fail now, its own commit
        // outcome still decides whether it reaches the doc.
      }
    }
  }
}

/** Whether a transaction inserted or deleted anything: Yjs's own test for emitting 'update'. */
function transactionChanged(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true;
  }
  return false;
}

/** What Yjs holds back for missing dependencies; Yjs replaces these whenever the set changes. */
function pendingOf(doc: Y.Doc): [unknown, unknown] {
  return [doc.store.pendingStructs?.update ?? null, doc.store.pendingDs ?? null];
}
