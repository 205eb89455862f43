// Each Yjs clientID of a document belongs to whoever first wrote with it (issue 11): an account,
// or a share link for its guests. Yjs does not check who writes under a clientID, so without
// this any editor could forge edits under someone else's, or take the next clocks of it and so
// displace that person's real edits. The same account in two tabs or on two devices is one
// owner. Owners are cached per live document, so a push under known clientIDs costs no query.
import type { Caller } from '../access/caller.js';
import { forbidden } from './errors.js';
import type { GuardStore } from './guard-store.js';
import type { LiveDocument } from './live-document.js';

/** Who writes: "account:<id>" or "link:<id>"; null for the server's own writes (not checked). */
export type OwnerKey = string;

export function ownerKeyOf(caller: Caller): OwnerKey | null {
  switch (caller.kind) {
    case 'account':
      return `account:${caller.account.id}`;
    case 'guest':
      return `link:${caller.link.id}`;
    case 'anonymous':
      return null;
  }
}

export class ClientOwnership {
  /** Owners known per live document (a document loaded again starts with an empty cache). */
  private readonly owners = new WeakMap<LiveDocument, Map<number, OwnerKey>>();

  constructor(private readonly store: GuardStore) {}

  /**
   * Claims the unowned ones of `clients` for `owner`; FORBIDDEN when any of them belongs to
   * someone else (`extensions.clientId` names it, so a client can tell this from a lost role).
   */
  async require(live: LiveDocument, clients: Iterable<number>, owner: OwnerKey): Promise<void> {
    const known = this.knownOf(live);
    const unknown: number[] = [];
    for (const client of clients) {
      const current = known.get(client);
      if (current === undefined) unknown.push(client);
      else if (current !== owner) throw notYours(client);
    }
    if (unknown.length === 0) return;
    const claimed = await this.store.claim(live.id, unknown, owner);
    for (const [client, key] of claimed) known.set(client, key);
    for (const client of unknown) if (claimed.get(client) !== owner) throw notYours(client);
  }

  /** Which of `clients` belong to `owner` (without claiming any). */
  async ownedBy(live: LiveDocument, clients: readonly number[], owner: OwnerKey): Promise<Set<number>> {
    const known = this.knownOf(live);
    const unknown = clients.filter((client) => !known.has(client));
    if (unknown.length > 0) for (const [client, key] of await this.store.owners(live.id, unknown)) known.set(client, key);
    return new Set(clients.filter((client) => known.get(client) === owner));
  }

  private knownOf(live: LiveDocument): Map<number, OwnerKey> {
    let known = this.owners.get(live);
    if (!known) {
      known = new Map();
      this.owners.set(live, known);
    }
    return known;
  }
}

function notYours(client: number): Error {
  return forbidden(`clientID ${client} belongs to someone else in this document: write under your own`, { clientId: client });
}
