// What a Yjs update adds, read without applying it (issue 11): which clientIDs it writes new
// structs under, and which of its dependencies the document lacks. Yjs itself checks neither:
// it integrates structs under any clientID, and keeps an update whose dependencies are missing
// in `doc.store.pendingStructs` / `pendingDs`, to integrate it whenever they arrive, which lets
// a forged "future" struct displace its real author's edit.
//
// The dependency rules are Yjs's own (yjs/src/utils/encoding.js integrateStructs and
// yjs/src/structs/Item.js getMissing): a client's structs must continue its clock without a
// gap; an item's origin, right origin and parent (when an ID) must exist unless they are the
// item's own client; a deletion must name clocks that exist. "Exist" means in the document or
// earlier in this same update. One thing is approximated: structs of two clients that depend
// on each other in a cycle pass here and Yjs leaves them pending; with ownership enforced,
// such structs can only be the writer's own, and can block nobody else.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { badInput } from './errors.js';

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Clock each client must reach (the document's state for it > this clock) before the update applies. */
export type MissingClocks = Map<number, number>;

/** Decodes a (v1) update; BAD_USER_INPUT when it is not one. */
export function decodeUpdate(update: Uint8Array): DecodedUpdate {
  try {
    return Y.decodeUpdate(update);
  } catch (error) {
    throw badInput(`update is not a Yjs update (${(error as Error).message || 'decoding failed'})`);
  }
}

/** The document's clock for `client` (how many of its clocks it holds). */
export type ClockOf = (client: number) => number;

export function clockOf(doc: Y.Doc): ClockOf {
  return (client) => Y.getState(doc.store, client);
}

/**
 * ClientIDs under which the update adds structs the document does not have yet (content or
 * tombstones alike: a GC struct at a clock not yet written takes that clock from its author).
 * Structs below the document's clock are repeats of what it holds and add nothing.
 */
export function clientsWithNewStructs(decoded: DecodedUpdate, clock: ClockOf): Set<number> {
  const clients = new Set<number>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock: start } = struct.id;
    if (!clients.has(client) && start + struct.length > clock(client)) clients.add(client);
  }
  return clients;
}

/**
 * What the update needs that neither the document nor the update itself holds, or null when it
 * would apply completely (nothing left pending).
 */
export function missingDependencies(decoded: DecodedUpdate, clock: ClockOf): MissingClocks | null {
  const missing: MissingClocks = new Map();
  const need = (client: number, at: number) => {
    const known = missing.get(client);
    if (known === undefined || at > known) missing.set(client, at);
  };
  // What will exist once the update's structs are integrated: the document's clock, carried on
  // by each client's structs as long as they continue it without a gap.
  const reach = new Map<number, number>();
  const reachOf = (client: number) => reach.get(client) ?? clock(client);
  const gapped = new Set<number>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock: start } = struct.id;
    if (gapped.has(client)) continue;
    const current = reachOf(client);
    if (start > current) {
      gapped.add(client);
      need(client, start - 1);
      continue;
    }
    reach.set(client, Math.max(current, start + struct.length));
  }
  const requires = (own: number, id: Y.ID | null | undefined) => {
    if (!id || id.client === own) return;
    if (id.clock >= reachOf(id.client)) need(id.client, id.clock);
  };
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const own = struct.id.client;
    requires(own, struct.origin);
    requires(own, struct.rightOrigin);
    if (struct.parent instanceof Y.ID) requires(own, struct.parent);
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      if (range.len > 0 && range.clock + range.len > reachOf(client)) need(client, range.clock + range.len - 1);
    }
  }
  return missing.size > 0 ? missing : null;
}

/** Whether the document now holds every clock in `missing`. */
export function dependenciesArrived(missing: MissingClocks, clock: ClockOf): boolean {
  for (const [client, at] of missing) if (clock(client) <= at) return false;
  return true;
}

/** Clock ranges per client, as in a delete set: [clock, clock + len). */
export type ClockRanges = Map<number, { clock: number; len: number }[]>;

/**
 * The deletions of the update that name clocks the document does not hold, for clients
 * `concerns` picks: what remains of each range at or beyond the client's clock. Empty when none.
 */
export function deletionsAhead(decoded: DecodedUpdate, clock: ClockOf, concerns: (client: number) => boolean): ClockRanges {
  const ahead: ClockRanges = new Map();
  for (const [client, ranges] of decoded.ds.clients) {
    if (!concerns(client)) continue;
    const known = clock(client);
    for (const { clock: start, len } of ranges) {
      const end = start + len;
      if (len <= 0 || end <= known) continue;
      const from = Math.max(start, known);
      let list = ahead.get(client);
      if (!list) ahead.set(client, (list = []));
      list.push({ clock: from, len: end - from });
    }
  }
  return ahead;
}

function encodeDeletions(ds: ClockRanges): Uint8Array {
  // Yjs's v1 delete set (writeDeleteSet with DSEncoderV1): clients, then per client its
  // ranges, all as variable-length unsigned integers.
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ds.size);
  for (const [client, ranges] of ds) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, len);
    }
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The update without the deletions of `drop` (ranges of its delete set or parts of them); its
 * structs stay as they are. A v1 update ends with its delete set, so that tail is rewritten;
 * BAD_USER_INPUT when the tail is not the delete set as Yjs writes it (no Yjs client sends that).
 */
export function withoutDeletions(update: Uint8Array, decoded: DecodedUpdate, drop: ClockRanges): Uint8Array {
  const tail = encodeDeletions(decoded.ds.clients);
  const structsEnd = update.byteLength - tail.byteLength;
  if (structsEnd < 0 || Buffer.compare(update.subarray(structsEnd), tail) !== 0) {
    throw badInput('the update\'s deletions are not encoded as Yjs encodes them');
  }
  const kept: ClockRanges = new Map();
  for (const [client, ranges] of decoded.ds.clients) {
    const dropped = drop.get(client) ?? [];
    const remaining: { clock: number; len: number }[] = [];
    for (const range of ranges) {
      // Cut every dropped range out of this one; what is left may be in pieces.
      let pieces = [range];
      for (const cut of dropped) {
        pieces = pieces.flatMap(({ clock, len }) => {
          const end = clock + len;
          const cutEnd = cut.clock + cut.len;
          if (cutEnd <= clock || cut.clock >= end) return [{ clock, len }];
          const left = cut.clock > clock ? [{ clock, len: cut.clock - clock }] : [];
          const right = cutEnd < end ? [{ clock: cutEnd, len: end - cutEnd }] : [];
          return [...left, ...right];
        });
      }
      remaining.push(...pieces);
    }
    if (remaining.length > 0) kept.set(client, remaining);
  }
  const deletions = encodeDeletions(kept);
  const result = new Uint8Array(structsEnd + deletions.byteLength);
  result.set(update.subarray(0, structsEnd));
  result.set(deletions, structsEnd);
  return result;
}
