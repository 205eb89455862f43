// Facts about encoded Yjs updates (v1 encoding, what Y.encodeStateAsUpdate and the
// Y.Doc 'update' event produce) that the provider needs without applying them.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/**
 * True when the update carries no structs and no deletions. Cheaper than Y.decodeUpdate:
 * only the two headers are read. Used to skip pushing a SYNC diff that holds nothing and
 * to skip empty polling answers.
 *
 * Layout (yjs src/utils/encoding.js, writeClientsStructs + writeDeleteSet):
 *   varuint clientsWithStructs, ...structs, varuint clientsWithDeletes,
 *   per client: varuint client, varuint numberOfRanges, ...ranges
 */
export function isEmptyUpdate(update: Uint8Array): boolean {
  const decoder = decoding.createDecoder(update);
  if (decoding.readVarUint(decoder) !== 0) return false;
  const deleteClients = decoding.readVarUint(decoder);
  for (let i = 0; i < deleteClients; i++) {
    decoding.readVarUint(decoder); // client
    if (decoding.readVarUint(decoder) !== 0) return false;
  }
  return true;
}

/**
 * Whether `diff` (what we have beyond the server's state vector) holds anything the server
 * lacks, given `serverSync`, the server's SYNC update (the server's diff against our state
 * vector). A diff against a state vector always carries the document's whole delete set,
 * since deletions do not move the vector; the server's SYNC carries the server's whole
 * delete set. Deletions we have that it lists are not news: pushing them made the editor
 * send an update that changed nothing each time it opened a document with any deletion in
 * its history (a list typed with "- " is one), issue 8.
 */
export function holdsNewTo(diff: Uint8Array, serverSync: Uint8Array): boolean {
  if (isEmptyUpdate(diff)) return false;
  const ours = Y.decodeUpdate(diff);
  if (ours.structs.length > 0) return true;
  const theirs = Y.decodeUpdate(serverSync).ds.clients;
  for (const [client, deletions] of ours.ds.clients) {
    const known = [...(theirs.get(client) ?? [])].sort((a, b) => a.clock - b.clock);
    for (const { clock, len } of deletions) if (!covered(known, clock, clock + len)) return true;
  }
  return false;
}

/** Whether the sorted ranges cover [from, to) without a gap. */
function covered(ranges: { clock: number; len: number }[], from: number, to: number): boolean {
  let at = from;
  for (const { clock, len } of ranges) {
    if (at >= to) break;
    if (clock > at) return false;
    at = Math.max(at, clock + len);
  }
  return at >= to;
}

/**
 * Clock ranges of our updates that the server refused for good (too large, say). The
 * server's state vector can never move past such a range, so every later SYNC would
 * compute a diff that starts with it and push it again, and a WebSocket the server closes
 * for a message that size (1009) would reconnect, SYNC and push it forever. The diff is
 * computed from a state vector moved past these ranges instead.
 */
export class RefusedRanges {
  readonly #ranges = new Map<number, Array<readonly [from: number, to: number]>>();

  get size(): number {
    return this.#ranges.size;
  }

  add(update: Uint8Array): void {
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, start] of from) {
      const end = to.get(client);
      if (end === undefined || end <= start) continue;
      const ranges = this.#ranges.get(client) ?? [];
      ranges.push([start, end]);
      this.#ranges.set(client, ranges);
    }
  }

  /** The state vector with each client's clock moved past refused ranges it stands in. */
  skip(stateVector: Uint8Array): Uint8Array {
    if (this.#ranges.size === 0) return stateVector;
    const clocks = Y.decodeStateVector(stateVector);
    for (const [client, ranges] of this.#ranges) {
      let clock = clocks.get(client) ?? 0;
      for (let moved = true; moved; ) {
        moved = false;
        for (const [from, to] of ranges) {
          if (from <= clock && clock < to) {
            clock = to;
            moved = true;
          }
        }
      }
      if (clock > 0) clocks.set(client, clock);
    }
    return Y.encodeStateVector(clocks);
  }
}

/**
 * `diff` (what `doc` has beyond `stateVector`) as one update per clientID that has structs in
 * it, each with the whole delete set; [null, diff] when it holds deletions only, or structs of
 * one client.
 */
export function splitByClient(doc: Y.Doc, diff: Uint8Array, stateVector: Uint8Array): Array<[client: number | null, update: Uint8Array]> {
  const clients = [...Y.parseUpdateMeta(diff).from.keys()];
  if (clients.length === 0) return [[null, diff]];
  if (clients.length === 1) return [[clients[0]!, diff]];
  const local = Y.decodeStateVector(Y.encodeStateVector(doc));
  const server = Y.decodeStateVector(stateVector);
  return clients.map((client) => {
    // Everything of the other clients counts as known: only this client's structs are encoded.
    const only = new Map(local);
    only.set(client, server.get(client) ?? 0);
    return [client, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(only))];
  });
}
