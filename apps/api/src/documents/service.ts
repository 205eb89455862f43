// The document domain as the API uses it: every resolver, subscription and test goes through
// here. pushUpdate follows DESIGN.md ("Server"): validate, apply to the live document and send
// to this instance's subscribers, store (group commit), then acknowledge and tell the other
// instances with the update's seq. Readers do not wait for the database; an acknowledgement
// still means the update is on disk.
import type { Visibility } from '../access/policy.js';
import type { FanoutBus } from '../fanout/bus.js';
import type { Logger } from '../logger.js';
import { AwarenessHub, awarenessClients } from '../awareness/awareness-hub.js';
import { badInput, documentNotFound, tooLarge, versionNotFound } from './errors.js';
import { type BatchObserver, GroupCommit } from './group-commit.js';
import { LiveDocument } from './live-document.js';
import { DocumentRegistry } from './registry.js';
import { restoreUpdate } from './restore.js';
import type { DocumentRow, PendingWrite, SnapshotKind, SnapshotRow } from './store.js';
import { DocumentStore } from './store.js';
import { bodyBlocks, bodyText, readState, stateText } from './text.js';
import { type VersionPolicy, versionTrigger } from './versions.js';
import type { OwnerKey } from './client-ownership.js';
import type { GuardStore } from './guard-store.js';
import type { QuarantineLimits } from './quarantine.js';
import { UpdateGuard } from './update-guard.js';
import { type BodyDiff, diffBlocks } from './diff.js';
import { type RetentionPolicy, versionsToThin } from './retention.js';

export const MAX_TITLE_LENGTH = 200;
export const MAX_TAG_LENGTH = 200;
/** A new document has no title until someone types one (the editor shows a placeholder). */
export const DEFAULT_TITLE = '';
export const RESTORE_ORIGIN = 'tandem:restore';

export interface DocumentServiceOptions {
  maxUpdateBytes: number;
  documentIdleMs: number;
  /** Encoded bytes all live documents may take together (0: no bound). */
  liveDocumentsMaxBytes?: number;
  versions: VersionPolicy;
  retention: RetentionPolicy;
  now: () => number;
  /** Metrics: each group commit's size and duration; each eviction's reason. */
  observeCommit?: BatchObserver;
  onEvicted?: (reason: 'idle' | 'memory') => void;
  /** Who may write under which clientID, and where updates missing dependencies wait (update-guard.ts). */
  guard: { store: GuardStore; limits: QuarantineLimits };
  /** This instance stored a change to the document's body or title (search indexes it). */
  onContentChanged?: (documentId: string) => void;
}

export interface PushInput {
  documentId: string;
  update: Uint8Array;
  origin: string | null;
  author: string | null;
  /** Who writes (client-ownership.ts): their clientIDs are checked; absent for the server's own writes. */
  writer?: OwnerKey | null;
  /** A held update being released by the quarantine (update-guard.ts). */
  released?: boolean;
}

/** PostgreSQL text cannot hold U+0000; one such string would fail a whole group commit. */
function checkText(value: string, name: string): void {
  if (value.includes('\u0000')) throw badInput(`${name} must not contain the NUL character`);
}

function checkTag(value: string | null, name: string): string | null {
  if (value === null) return value;
  checkText(value, name);
  if (value.length > MAX_TAG_LENGTH) throw badInput(`${name} is longer than ${MAX_TAG_LENGTH} characters`);
  return value;
}

function checkTitle(title: string): string {
  checkText(title, 'title');
  const trimmed = title.trim();
  if (!trimmed) throw badInput('title must not be empty');
  if (trimmed.length > MAX_TITLE_LENGTH) throw badInput(`title is longer than ${MAX_TITLE_LENGTH} characters`);
  return trimmed;
}

export class DocumentService {
  readonly registry: DocumentRegistry;
  readonly awareness: AwarenessHub;
  private readonly committer: GroupCommit<PendingWrite, number>;
  /** One automatic version at a time per document. */
  private readonly versioning = new Map<string, Promise<unknown>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  /** documentChanged's listeners, per document: a new title or a new version. */
  private readonly changeListeners = new Map<string, Set<() => void>>();
  private readonly guard: UpdateGuard;

  constructor(
    readonly store: DocumentStore,
    private readonly bus: FanoutBus,
    private readonly log: Logger,
    private readonly options: DocumentServiceOptions,
  ) {
    this.committer = new GroupCommit((writes) => store.appendUpdates(writes), undefined, options.observeCommit);
    this.awareness = new AwarenessHub(bus);
    this.guard = new UpdateGuard(
      options.guard.store,
      options.guard.limits,
      options.now,
      (push) => this.pushUpdate(push),
      (live) => this.registry.catchUp(live),
      log,
    );
    this.registry = new DocumentRegistry(store, bus, log, {
      idleMs: options.documentIdleMs,
      maxBytes: options.liveDocumentsMaxBytes,
      now: options.now,
      beforeEvict: async (live) => {
        if (live.unversionedCount > 0) await this.storeVersion(live, 'AUTO', null);
      },
      onChanged: (documentId) => this.notifyChanged(documentId),
      onEvicted: options.onEvicted,
    });
  }

  // --- documents -------------------------------------------------------------------------

  /** A new document owned by the account `ownerId`. */
  async createDocument(title: string | null | undefined, ownerId: string): Promise<DocumentRow> {
    const row = await this.store.createDocument(title == null ? DEFAULT_TITLE : checkTitle(title), ownerId);
    this.options.onContentChanged?.(row.id);
    return row;
  }

  async renameDocument(id: string, title: string): Promise<DocumentRow> {
    const row = await this.store.renameDocument(id, checkTitle(title));
    this.notifyChanged(id);
    this.options.onContentChanged?.(id);
    this.bus.publish({ kind: 'renamed', documentId: id });
    return row;
  }

  /** Calls `listener` whenever the document's title changes or a version of it is stored. */
  onChanged(id: string, listener: () => void): () => void {
    let listeners = this.changeListeners.get(id);
    if (!listeners) {
      listeners = new Set();
      this.changeListeners.set(id, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.changeListeners.get(id) === listeners) this.changeListeners.delete(id);
    };
  }

  private notifyChanged(id: string): void {
    for (const listener of this.changeListeners.get(id) ?? []) listener();
  }

  async deleteDocument(id: string): Promise<boolean> {
    const deleted = await this.store.deleteDocument(id);
    if (!deleted) throw documentNotFound(id);
    this.registry.drop(id);
    this.clearIdleTimer(id);
    this.bus.publish({ kind: 'deleted', documentId: id });
    return true;
  }

  findDocument(id: string): Promise<DocumentRow | null> {
    return this.store.findDocument(id);
  }

  listDocuments(first: number, after: string | null | undefined, visible: Visibility) {
    return this.store.listDocuments(first, after, visible);
  }

  /** The live copy (loaded on first use); NOT_FOUND for an unknown id. */
  open(id: string): Promise<LiveDocument> {
    return this.registry.open(id);
  }

  /** Relays a client's presence (awareness update) after claiming its clientIDs for `writer` (update-guard.ts). */
  async pushPresence(documentId: string, update: Uint8Array, writer: OwnerKey | null): Promise<void> {
    const live = await this.open(documentId);
    await this.guard.admitPresence(live, awarenessClients(update), writer);
    this.awareness.push(documentId, update);
  }

  async text(id: string): Promise<string> {
    return bodyText((await this.open(id)).doc);
  }

  // --- updates ---------------------------------------------------------------------------

  /**
   * Applies a client's update, sends it to this instance's subscribers, and stores it;
   * resolves with the state vector once it is on disk. An update that changes nothing stored
   * is acknowledged without being stored, broadcast or counted (an editor that repeats what
   * the server has must not make an edit, a newer `updatedAt` or a version of it).
   */
  async pushUpdate(input: PushInput): Promise<Uint8Array> {
    const { documentId } = input;
    if (input.update.byteLength > this.options.maxUpdateBytes) {
      throw tooLarge(`update is ${input.update.byteLength} bytes; the limit is ${this.options.maxUpdateBytes}`);
    }
    const origin = checkTag(input.origin, 'origin');
    const author = checkTag(input.author, 'author');
    const live = await this.open(documentId);
    // 1. Validate. Nothing but validation may stand between a writer and its readers, and
    //    nothing after step 2 may refuse the update.
    //    Issue 11 (update-guard.ts): new structs only under the writer's own clientIDs
    //    (FORBIDDEN otherwise), deletions of others' text that exists nowhere yet are dropped,
    //    and an update missing what it builds on is stored aside and acknowledged without
    //    being applied; it comes back through here once that arrives.
    //    Then the trial on the replica (live-document.ts). A check added after validate()
    //    that refuses the update calls live.abandon(update) first, so the replica forgets it.
    const admission = await this.guard.admit(live, { ...input, origin, author, writer: input.writer ?? null });
    if (admission.held) return live.stateVector();
    const { update } = admission;
    const changes = live.validate(update);
    if (!changes) {
      live.abandon(update, false);
      return live.stateVector();
    }
    // 2. Apply and send to this instance's subscribers, then 3. store (group commit). Both in
    //    one turn of the event loop, so the commit joins the batch being gathered.
    live.applyLocal(update, origin);
    const commit = this.committer.submit({ documentId, data: update, origin, author });
    live.trackCommit(commit);
    let seq: number;
    try {
      seq = await commit;
    } catch (error) {
      // The writer's push fails and it resends; the live copy, which has the update, is
      // read back from the database before anyone syncs against it again.
      this.registry.reset(live);
      throw error;
    }
    // 4. Acknowledge; the other instances hear of it now that it is stored, with its seq.
    live.committed(seq);
    this.afterCommit(live, update, seq, origin);
    return live.stateVector();
  }

  /** Applies an update stored by this instance without having been applied first (a restore). */
  private applyCommitted(live: LiveDocument, update: Uint8Array, seq: number, origin: string | null): void {
    live.applyStored(update, seq, origin);
    this.afterCommit(live, update, seq, origin);
  }

  private afterCommit(live: LiveDocument, update: Uint8Array, seq: number, origin: string | null): void {
    this.registry.watchGap(live.id);
    this.bus.publish({ kind: 'update', documentId: live.id, seq, update, origin });
    this.afterWrite(live);
    this.options.onContentChanged?.(live.id);
  }

  /**
   * The title and body text search reads: from the live copy when the document is in memory,
   * otherwise from what is stored (without making it live: a backfill reads every document).
   */
  async searchText(id: string): Promise<{ documentId: string; title: string; body: string; seq: number } | null> {
    const row = await this.store.findDocument(id);
    if (!row) return null;
    const live = this.registry.get(id);
    if (live) return { documentId: id, title: row.title, body: bodyText(live.doc), seq: live.appliedSeq };
    const state = await this.store.loadState(id);
    if (!state) return null;
    const loaded = LiveDocument.load(id, this.options.now, state.snapshot, state.updates);
    try {
      return { documentId: id, title: row.title, body: bodyText(loaded.doc), seq: state.lastSeq };
    } finally {
      loaded.destroy();
    }
  }

  // --- versions --------------------------------------------------------------------------

  async createSnapshot(documentId: string, label: string | null): Promise<SnapshotRow> {
    const live = await this.open(documentId);
    const kind: SnapshotKind = label === null ? 'MANUAL' : 'NAMED';
    return this.forceVersion(live, kind, checkTag(label, 'label'));
  }

  /** `author` is who restores it, kept with the change (the RESTORE version's authors say who). */
  async restoreSnapshot(documentId: string, version: number, author: string | null = null): Promise<DocumentRow> {
    const snapshot = await this.store.findSnapshot(documentId, version);
    if (!snapshot) {
      if (!(await this.store.findDocument(documentId))) throw documentNotFound(documentId);
      throw versionNotFound(documentId, version);
    }
    const state = await this.store.snapshotState(snapshot.id);
    if (!state) throw versionNotFound(documentId, version);
    const live = await this.open(documentId);
    // Edits since the last version would otherwise exist in no version once the restore has
    // replaced them (the log is compacted behind the restore's own version). Its label says
    // what it is to whoever looks for the text from before the restore (issue 9).
    if (live.unversionedCount > 0) {
      await this.versioning.get(live.id)?.catch(() => {});
      await this.storeVersion(live, 'AUTO', `Before restoring version ${version}`);
    }
    const change = restoreUpdate(live.doc, state);
    if (change) {
      const seq = await this.committer.submit({ documentId, data: change, origin: RESTORE_ORIGIN, author: checkTag(author, 'author') });
      this.applyCommitted(live, change, seq, RESTORE_ORIGIN);
    }
    await this.forceVersion(live, 'RESTORE', `Restored version ${version}`);
    return (await this.store.findDocument(documentId)) ?? Promise.reject(documentNotFound(documentId));
  }

  async snapshotState(snapshot: SnapshotRow): Promise<Uint8Array> {
    const state = await this.store.snapshotState(snapshot.id);
    if (!state) throw versionNotFound(snapshot.documentId, snapshot.version);
    return state;
  }

  async snapshotText(snapshot: SnapshotRow): Promise<string> {
    return stateText(await this.snapshotState(snapshot));
  }

  /**
   * Text-level changes from version `from` to version `to`, or to the current document when
   * `to` is null.
   */
  async diff(documentId: string, from: number, to: number | null): Promise<BodyDiff> {
    const blocksOf = async (version: number) => {
      const snapshot = await this.store.findSnapshot(documentId, version);
      if (!snapshot) {
        if (!(await this.store.findDocument(documentId))) throw documentNotFound(documentId);
        throw versionNotFound(documentId, version);
      }
      return readState(await this.snapshotState(snapshot), bodyBlocks);
    };
    const before = await blocksOf(from);
    const after = to === null ? bodyBlocks((await this.open(documentId)).doc) : await blocksOf(to);
    return diffBlocks(before, after);
  }

  /** Thins aged automatic versions of one document (see retention.ts). */
  async applyRetention(documentId: string): Promise<number> {
    const now = this.options.now();
    return this.store.thinVersions(documentId, (versions) => versionsToThin(versions, now, this.options.retention));
  }

  /** Stores a version now, after any automatic one already under way. */
  private async forceVersion(live: LiveDocument, kind: SnapshotKind, label: string | null): Promise<SnapshotRow> {
    await this.versioning.get(live.id)?.catch(() => {});
    const row = await this.storeVersion(live, kind, label);
    if (!row) throw new Error('a requested version was not stored');
    return row;
  }

  private async storeVersion(live: LiveDocument, kind: SnapshotKind, label: string | null): Promise<SnapshotRow | null> {
    const seq = live.appliedSeq;
    const row = await this.store.createSnapshot({ documentId: live.id, state: live.diff(), seq, kind, label });
    if (row) {
      live.markVersioned(seq);
      this.bus.publish({ kind: 'version', documentId: live.id, seq });
      this.notifyChanged(live.id);
      this.log.debug('version stored', { documentId: live.id, version: row.version, kind, seq });
    }
    return row;
  }

  private afterWrite(live: LiveDocument): void {
    const trigger = versionTrigger(live, this.options.versions, this.options.now());
    if (trigger) this.autoVersion(live);
    this.armIdleTimer(live);
  }

  private autoVersion(live: LiveDocument): void {
    if (this.versioning.has(live.id)) return;
    const task = this.storeVersion(live, 'AUTO', null)
      .then((row) => (row ? this.applyRetention(live.id) : 0))
      .catch((error) => this.log.warn('automatic version failed', { documentId: live.id, error }))
      .finally(() => this.versioning.delete(live.id));
    this.versioning.set(live.id, task);
  }

  /** Checks for the idle trigger once the document should have been quiet for idleMs. */
  private armIdleTimer(live: LiveDocument, delay = this.options.versions.idleMs): void {
    this.clearIdleTimer(live.id);
    const timer = setTimeout(() => {
      this.idleTimers.delete(live.id);
      if (this.registry.get(live.id) !== live || live.unversionedCount === 0) return;
      if (versionTrigger(live, this.options.versions, this.options.now())) {
        this.autoVersion(live);
        return;
      }
      // Timers may fire a millisecond before the clock says the time is up: look again then.
      const left = live.lastWriteAt + this.options.versions.idleMs - this.options.now();
      this.armIdleTimer(live, Math.max(1, left));
    }, delay);
    timer.unref();
    this.idleTimers.set(live.id, timer);
  }

  private clearIdleTimer(id: string): void {
    const timer = this.idleTimers.get(id);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(id);
  }

  /** Waits for in-flight writes and versions (graceful shutdown). */
  async drain(): Promise<void> {
    await this.committer.idle();
    await Promise.allSettled([...this.versioning.values()]);
  }

  async close(): Promise<void> {
    await this.drain();
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    this.awareness.close();
    await this.registry.close();
  }
}
