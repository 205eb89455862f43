// One document in memory: the Y.Doc every client syncs against. It holds what is stored plus
// the updates of this instance that are being committed (DESIGN.md, "Server": readers get an
// update as soon as it is validated and applied; only the writer's acknowledgement waits for
// the commit). Should such a commit fail, this copy holds something the database lacks: the
// registry then discards it (`reset`), its subscribers subscribe again and SYNC against a copy
// read back from the database, and any of them that saw the lost update pushes it back.
//
// Validation: the contract asks that an update be rejected, changing nothing, when applying it
// throws. Yjs can throw half-way through applying (e.g. an item whose parent is not a type),
// leaving the doc partly changed, so the trial must happen on a copy. Copying the doc for each
// keystroke is O(document); instead we keep `replica`, a second Y.Doc fed every update the live
// doc gets, and try each new update there first. The replica is always the live doc plus the
// updates that passed their trial and are not applied yet (`trialled`): a rebuild after a
// failed trial (bad input, rare) restores exactly that. This costs a second copy of the
// document in memory, made on the first push rather than on load: a document that is only
// read never needs one, and a cold load (the first SYNC after a restart) applies the stored
// state once, not twice (issue 8).
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

/** Why a live document stopped serving its subscribers: deleted, or discarded after a failed commit. */
export type EndReason = 'deleted' | 'reset';

/** Transaction origin for updates that were applied because they are stored. */
const STORED = Symbol('stored');

export class LiveDocument {
  readonly doc = new Y.Doc({ gc: true });
  /** The trial copy; null until the first validate() (then kept equal to the doc, see above). */
  private replica: Y.Doc | null = null;
  /** Updates that passed validate() and are not applied yet; they are in the replica, not the doc. */
  private readonly trialled = new Set<Uint8Array>();
  /**
   * Commits of updates applied here by applyLocal() that have not settled. While there are any,
   * the doc is ahead of the database, so "changes nothing here" does not mean "changes nothing
   * stored" (see validate()).
   */
  private readonly commits = new Set<Promise<unknown>>();
  /** Seqs of stored updates that threw when applied (logged by the registry). */
  readonly unreadable: number[] = [];
  onUnreadable: ((seq: number, error: Error) => void) | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly endListeners = new Set<(reason: EndReason) => void>();
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
  /**
   * The whole document as one update, kept until it changes: every client that syncs from
   * nothing (a new tab, a cold load after a restart) needs exactly this, and encoding a large
   * document is the bulk of its first SYNC (issue 8).
   */
  private cachedState: Uint8Array | null = null;

  constructor(
    readonly id: string,
    private readonly now: () => number,
  ) {
    this.lastActivity = now();
    this.lastWriteAt = this.lastActivity;
    // Whatever changes the doc (stored updates, versions, a restore) makes the cached vector stale.
    this.doc.on('afterTransaction', () => {
      this.cachedStateVector = null;
      this.cachedState = null;
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
    // A version with nothing after it is the whole document already encoded.
    if (snapshot && updates.length === 0 && live.unreadable.length === 0) live.cachedState = snapshot.state;
    live.unversionedCount = updates.length;
    live.unversionedSince = updates.length > 0 ? now() : null;
    return live;
  }

  /**
   * Throws BAD_USER_INPUT unless `update` decodes and applies cleanly. Touches nothing the
   * clients see: the trial runs on the replica. Returns whether the update changes anything
   * stored: false for one that holds nothing new (e.g. it repeats deletions the document
   * already has), which is acknowledged without being stored, broadcast or counted. Judged
   * against the doc, that is only safe while the doc holds nothing uncommitted: a push retried
   * after its commit failed would otherwise look like a no-op and never be stored (issue 8).
   */
  validate(update: Uint8Array): boolean {
    try {
      Y.decodeUpdate(update);
    } catch (error) {
      throw badInput(`update is not a Yjs update (${(error as Error).message || 'decoding failed'})`);
    }
    let changed: boolean;
    try {
      changed = applyAndTell(this.trialCopy(), update, null);
    } catch (error) {
      this.rebuildReplica();
      throw badInput(`update cannot be applied to this document (${(error as Error).message || 'Yjs threw'})`);
    }
    // Anything applied but not yet committed, or trialled but not yet applied, may be what
    // made this one look like a no-op: then it is stored all the same (storing it twice is
    // harmless, Yjs updates are idempotent).
    const unsettled = this.commits.size > 0 || this.trialled.size > 0;
    this.trialled.add(update);
    return changed || unsettled;
  }

  /**
   * A validated update will not be applied after all (a later check refused it, or it changes
   * nothing): take it out of the replica, if it put anything there.
   */
  abandon(update: Uint8Array, changedSomething = true): void {
    if (this.trialled.delete(update) && changedSomething) this.rebuildReplica();
  }

  /**
   * Applies a validated update of this instance before it is stored and tells this instance's
   * subscribers at once. The caller then submits its commit and hands it to trackCommit().
   */
  applyLocal(update: Uint8Array, origin: string | null): void {
    // The replica already holds it (a rebuild after a failed trial keeps trialled updates).
    const inReplica = this.trialled.delete(update);
    if (this.applyBoth(update, !inReplica)) this.tell(update, origin);
  }

  /** Follows the commit of an update applied by applyLocal() until it settles. */
  trackCommit(commit: Promise<unknown>): void {
    const tracked = commit.then(
      () => {},
      () => {},
    );
    this.commits.add(tracked);
    void tracked.then(() => this.commits.delete(tracked));
  }

  /** The commit of an update applied by applyLocal() succeeded under `seq`. */
  committed(seq: number): void {
    this.markApplied(seq);
    this.countWrite();
  }

  /** Resolves once every commit of an update applied here has settled. */
  settled(): Promise<unknown> {
    return Promise.allSettled([...this.commits]);
  }

  /**
   * Applies a stored update and tells subscribers, unless it changed nothing (then it is not
   * broadcast). An update whose dependencies are missing still counts: Yjs keeps it pending,
   * and other clients need it too.
   */
  applyStored(update: Uint8Array, seq: number, origin: string | null): boolean {
    if (seq <= this.appliedSeq || this.aheadSeqs.has(seq)) return false;
    let changed: boolean;
    try {
      changed = this.applyBoth(update);
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
    this.countWrite();
    if (changed) this.tell(update, origin);
    return changed;
  }

  private countWrite(): void {
    this.unversionedCount += 1;
    this.unversionedSince ??= this.now();
    this.lastActivity = this.lastWriteAt = this.now();
  }

  private tell(update: Uint8Array, origin: string | null): void {
    const event = { update, origin, stateVector: this.stateVector() };
    for (const listener of this.listeners) listener(event);
  }

  /** Applies state that is already stored under some seq we cannot name (a version). */
  applyState(state: Uint8Array): void {
    if (this.applyBoth(state)) this.tell(state, null);
  }

  /** Everything this document has that `stateVector` lacks. */
  diff(stateVector?: Uint8Array): Uint8Array {
    if (stateVector && !isEmptyStateVector(stateVector)) return Y.encodeStateAsUpdate(this.doc, stateVector);
    this.cachedState ??= Y.encodeStateAsUpdate(this.doc);
    return this.cachedState;
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

  /** Registers a listener for the end of this copy (deleted, or reset); returns its remover. */
  onEnded(listener: (reason: EndReason) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  markEnded(reason: EndReason): void {
    for (const listener of this.endListeners) listener(reason);
    this.endListeners.clear();
  }

  /**
   * A version covering every update up to `seq` was stored (here or by another instance). The
   * updates after it stay unversioned and are counted: a version of a large document takes a
   * while to store, and writes that arrive meanwhile must not keep the count past the trigger,
   * or every later write would start another version of the whole document.
   */
  markVersioned(seq: number): void {
    let after = Math.max(0, this.appliedSeq - seq);
    for (const ahead of this.aheadSeqs) if (ahead > seq) after += 1;
    if (after >= this.unversionedCount) return;
    this.unversionedCount = after;
    this.unversionedSince = after > 0 ? this.now() : null;
  }

  destroy(): void {
    this.listeners.clear();
    this.endListeners.clear();
    this.doc.destroy();
    this.replica?.destroy();
  }

  private applyBoth(update: Uint8Array, toReplica = true): boolean {
    const changed = applyAndTell(this.doc, update, STORED);
    if (toReplica && this.replica) {
      try {
        Y.applyUpdate(this.replica, update, STORED);
      } catch {
        this.rebuildReplica();
      }
    }
    return changed;
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

  /** The replica, made from the doc (plus what is trialled) when there is none. */
  private trialCopy(): Y.Doc {
    if (this.replica) return this.replica;
    const replica = new Y.Doc({ gc: true });
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(this.doc));
    for (const update of this.trialled) {
      try {
        Y.applyUpdate(replica, update);
      } catch {
        // It applied before on a replica that held it; should it fail now, applying it to
        // the doc fails too, and that push is refused.
      }
    }
    this.replica = replica;
    return replica;
  }

  /** The replica may differ from doc + trialled (a trial or an apply threw): make it afresh when next needed. */
  private rebuildReplica(): void {
    this.replica?.destroy();
    this.replica = null;
  }
}

/**
 * Applies `update` to `doc`; returns whether it changed anything: inserted or deleted
 * something, or changed what Yjs holds back for missing dependencies (an update whose
 * dependencies are missing still counts: other clients need it too).
 */
function applyAndTell(doc: Y.Doc, update: Uint8Array, origin: unknown): boolean {
  const pendingBefore = pendingOf(doc);
  let changed = false;
  // 'afterTransaction' rather than 'update': a listener on 'update' makes Yjs encode every
  // transaction as an update, work thrown away here on every push.
  const onTransaction = (transaction: Y.Transaction) => {
    changed ||= transactionChanged(transaction);
  };
  doc.on('afterTransaction', onTransaction);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('afterTransaction', onTransaction);
  }
  const pendingAfter = pendingOf(doc);
  return changed || pendingAfter[0] !== pendingBefore[0] || pendingAfter[1] !== pendingBefore[1];
}

/** Whether a transaction inserted or deleted anything: Yjs's own test for emitting 'update'. */
function transactionChanged(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true;
  }
  return false;
}

/** A state vector of no clients (what an empty Y.Doc sends): asks for everything. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/** What Yjs holds back for missing dependencies; Yjs replaces these whenever the set changes. */
function pendingOf(doc: Y.Doc): [unknown, unknown] {
  return [doc.store.pendingStructs?.update ?? null, doc.store.pendingDs ?? null];
}
