// The checks that stand between one client's push and everyone else (issue 11), run in
// pushUpdate's validation step: new structs only under the writer's own clientIDs
// (client-ownership.ts); no deletions of someone else's text that exists nowhere yet; and
// updates that would leave Yjs holding something pending kept aside until what they need
// arrives (quarantine.ts).
import type { Logger } from '../logger.js';
import { ClientOwnership, type OwnerKey } from './client-ownership.js';
import { badInput } from './errors.js';
import type { GuardStore, QuarantinedRow } from './guard-store.js';
import type { LiveDocument } from './live-document.js';
import { Quarantine, type QuarantineLimits } from './quarantine.js';
import { clientsWithNewStructs, clockOf, decodeUpdate, deletionsAhead, missingDependencies, withoutDeletions } from './update-structure.js';

export interface GuardedPush {
  documentId: string;
  update: Uint8Array;
  origin: string | null;
  author: string | null;
  /** Who writes (client-ownership.ts); null for the server's own writes, which are not checked. */
  writer: OwnerKey | null;
  /** Set when the quarantine releases it: it must not be held again. */
  released?: boolean;
}

/** Go on with the push of `update` (the one pushed, or what remains of it); or it was stored aside: acknowledge without applying. */
export type Admission = { held: false; update: Uint8Array } | { held: true };

export class UpdateGuard {
  private readonly ownership: ClientOwnership;
  private readonly quarantines = new WeakMap<LiveDocument, Promise<Quarantine>>();

  constructor(
    private readonly store: GuardStore,
    private readonly limits: QuarantineLimits,
    private readonly now: () => number,
    /** The normal push path, for held updates whose dependencies arrived. */
    private readonly push: (push: GuardedPush) => Promise<unknown>,
    /** Applies to `live` what other instances have stored and it has not heard of yet. */
    private readonly catchUp: (live: LiveDocument) => Promise<void>,
    private readonly log: Logger,
  ) {
    this.ownership = new ClientOwnership(store);
  }

  async admit(live: LiveDocument, push: GuardedPush): Promise<Admission> {
    let update = push.update;
    let decoded = decodeUpdate(update);
    if (push.writer !== null) {
      await this.ownership.require(live, clientsWithNewStructs(decoded, clockOf(live.doc)), push.writer);
      const forgotten = await this.withoutDeletionsAhead(live, update, decoded, push.writer);
      if (forgotten !== update) {
        update = forgotten;
        decoded = decodeUpdate(update);
      }
    }
    const quarantine = await this.quarantineOf(live);
    const missing = missingDependencies(decoded, clockOf(live.doc));
    if (!missing) return { held: false, update };
    if (push.released) throw badInput('the update still lacks changes it builds on');
    if (push.writer === null) return { held: false, update };
    const { origin, author, writer: ownerKey } = push;
    await quarantine.hold({ data: update, origin, author, ownerKey }, missing);
    return { held: true };
  }

  /**
   * `update` without its deletions of other people's clocks that exist nowhere yet. Held until
   * they arrived, such a deletion would remove its author's text the moment it is typed: the
   * writer cannot have seen that text, so it is dropped (the rest of the update goes on). What
   * other instances have stored is read first: a client that moved between instances may
   * delete text this one has not heard of yet, and that deletion is kept. The writer's own
   * clocks are left alone: its earlier updates may still be on their way.
   */
  private async withoutDeletionsAhead(live: LiveDocument, update: Uint8Array, decoded: ReturnType<typeof decodeUpdate>, writer: OwnerKey): Promise<Uint8Array> {
    const aheadOf = async () => {
      const ahead = deletionsAhead(decoded, clockOf(live.doc), () => true);
      for (const client of await this.ownership.ownedBy(live, [...ahead.keys()], writer)) ahead.delete(client);
      return ahead;
    };
    if ((await aheadOf()).size === 0) return update;
    await this.catchUp(live);
    const ahead = await aheadOf();
    if (ahead.size === 0) return update;
    this.log.info('deletions of text that exists nowhere yet dropped from an update', { documentId: live.id, clients: [...ahead.keys()] });
    return withoutDeletions(update, decoded, ahead);
  }

  /**
   * Presence names the clientID it is for, and everyone on the document sees it, before that
   * person has typed anything: whoever shows presence under a clientID claims it as well, or
   * someone else could claim it first and have every edit of its real owner refused.
   */
  async admitPresence(live: LiveDocument, clients: number[], writer: OwnerKey | null): Promise<void> {
    if (writer !== null && clients.length > 0) await this.ownership.require(live, clients, writer);
  }

  /** The document's quarantine: created on first use with what was stored for it before. */
  private quarantineOf(live: LiveDocument): Promise<Quarantine> {
    let quarantine = this.quarantines.get(live);
    if (!quarantine) {
      quarantine = this.store.quarantined(live.id).then((rows) => {
        const release = (row: QuarantinedRow) =>
          this.push({ documentId: live.id, update: row.data, origin: row.origin, author: row.author, writer: row.ownerKey, released: true }).then(() => {});
        const created = new Quarantine(live.id, clockOf(live.doc), this.store, this.limits, this.now, release, this.log);
        created.adopt(rows);
        // Every change to the document may bring what a held update waits for.
        live.listen(() => created.check());
        void created.expire().then(() => created.check());
        return created;
      });
      this.quarantines.set(live, quarantine);
      // A failed read is tried again by the next push.
      quarantine.catch(() => this.quarantines.delete(live));
    }
    return quarantine;
  }
}
