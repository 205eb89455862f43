import type { TandemContext } from '../context.js';

export const Mutation = {
  createDocument: (_: unknown, args: { title?: string | null }, ctx: TandemContext) =>
    ctx.documents.createDocument(args.title),
  renameDocument: (_: unknown, args: { id: string; title: string }, ctx: TandemContext) =>
    ctx.documents.renameDocument(args.id, args.title),
  deleteDocument: (_: unknown, args: { id: string }, ctx: TandemContext) => ctx.documents.deleteDocument(args.id),
  pushUpdate: async (
    _: unknown,
    args: { documentId: string; update: Uint8Array; origin?: string | null; author?: string | null },
    ctx: TandemContext,
  ) => ({
    documentId: args.documentId,
    stateVector: await ctx.documents.pushUpdate({
      documentId: args.documentId,
      update: args.update,
      origin: args.origin ?? null,
      author: args.author ?? null,
    }),
  }),
  pushAwareness: async (_: unknown, args: { documentId: string; update: Uint8Array }, ctx: TandemContext) => {
    // Presence of a document that does not exist is an error, like everything else about it.
    await ctx.documents.open(args.documentId);
    ctx.documents.awareness.push(args.documentId, args.update);
    return true;
  },
  createSnapshot: (_: unknown, args: { documentId: string; label?: string | null }, ctx: TandemContext) =>
    ctx.documents.createSnapshot(args.documentId, args.label ?? null),
  restoreSnapshot: (_: unknown, args: { documentId: string; version: number }, ctx: TandemContext) =>
    ctx.documents.restoreSnapshot(args.documentId, args.version),
};
