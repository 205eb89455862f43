// The checks that stand between one client's push and everyone else (issue 11), run in
// pushUpdate's validation step: new structs only under the writer's own clientIDs
// (client-ownership.ts), and updates that would leave Yjs holding something pending kept aside
// until what they need arrives (quarantine.ts).
import type { Logger } from '../logger.js';
import { ClientOwnership, type OwnerKey } from './client-ownership.js';
import { badInput } from './errors.js';
import type { GuardStore, QuarantinedRow } from './guard-store.js';
import type { LiveDocument } from './live-document.js';
import { Quarantine, type QuarantineLimits } from './quarantine.js';
import { clientsWithNewStructs, clockOf, decodeUpdate, missingDependencies } from './update-structure.js';

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

/** 'apply': go on with the push; 'held': stored aside, acknowledge without applying. */
export type Admission = 'apply' | 'held';

export class UpdateGuard {
  private readonly ownership: ClientOwnership;
  private readonly quarantines = new WeakMap<LiveDocument, Promise<Quarantine>>();

  constructor(
    private readonly store: GuardStore,
    private readonly limits: QuarantineLimits,
    private readonly now: () => number,
    /** The normal push path, for held updates whose dependencies arrived. */
    private readonly push: (push: GuardedPush) => Promise<unknown>,
    private readonly log: Logger,
  ) {
    this.ownership = new ClientOwnership(store);
  }

  async admit(live: LiveDocument, push: GuardedPush): Promise<Admission> {
    const decoded = decodeUpdate(push.update);
    const clock = clockOf(live.doc);
    if (push.writer !== null) await this.ownership.require(live, clientsWithNewStructs(decoded, clock), push.writer);
    const quarantine = await this.quarantineOf(live);
    const missing = missingDependencies(decoded, clock);
    if (!missing) return 'apply';
    if (push.released) throw badInput('the update still lacks changes it builds on');
    if (push.writer === null) return 'apply';
    const { update: data, origin, author, writer: ownerKey } = push;
    await quarantine.hold({ data, origin, author, ownerKey }, missing);
    return 'held';
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
