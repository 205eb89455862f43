import type { DocumentRow, SnapshotRow } from '../../documents/store.js';
import type { TandemContext } from '../context.js';
import { connection, pageSize } from './paging.js';

export const Document = {
  latestVersion: (doc: DocumentRow) => (doc.lastVersion > 0 ? doc.lastVersion : null),
  stateVector: async (doc: DocumentRow, _: unknown, ctx: TandemContext) => (await ctx.documents.open(doc.id)).stateVector(),
  update: async (doc: DocumentRow, args: { stateVector?: Uint8Array | null }, ctx: TandemContext) =>
    (await ctx.documents.open(doc.id)).diff(args.stateVector ?? undefined),
  text: (doc: DocumentRow, _: unknown, ctx: TandemContext) => ctx.documents.text(doc.id),
  awareness: (doc: DocumentRow, _: unknown, ctx: TandemContext) => ctx.documents.awareness.current(doc.id),
  snapshots: async (doc: DocumentRow, args: { first?: number | null; after?: string | null }, ctx: TandemContext) =>
    connection(await ctx.documents.store.listSnapshots(doc.id, pageSize(args.first), args.after)),
  snapshot: (doc: DocumentRow, args: { version: number }, ctx: TandemContext) =>
    ctx.documents.store.findSnapshot(doc.id, args.version),
  diff: async (doc: DocumentRow, args: { from: number; to?: number | null; changesOnly?: boolean | null }, ctx: TandemContext) => {
    const diff = await ctx.documents.diff(doc.id, args.from, args.to ?? null);
    return {
      from: args.from,
      to: args.to ?? null,
      insertedCharacters: diff.insertedCharacters,
      oldBlockCount: diff.oldBlockCount,
      newBlockCount: diff.newBlockCount,
      deletedCharacters: diff.deletedCharacters,
      blocks: args.changesOnly ? diff.blocks.filter((block) => block.change !== 'UNCHANGED') : diff.blocks,
    };
  },
};

export const Snapshot = {
  state: (snapshot: SnapshotRow, _: unknown, ctx: TandemContext) => ctx.documents.snapshotState(snapshot),
  text: (snapshot: SnapshotRow, _: unknown, ctx: TandemContext) => ctx.documents.snapshotText(snapshot),
};
