import { authorName } from '../../access/caller.js';
import { ownerKeyOf } from '../../documents/client-ownership.js';
import type { TandemContext } from '../context.js';

export const Mutation = {
  createDocument: (_: unknown, args: { title?: string | null }, ctx: TandemContext) => {
    const owner = ctx.access.requireAccount(ctx.caller, 'createDocument');
    return ctx.documents.createDocument(args.title, owner.id);
  },
  renameDocument: async (_: unknown, args: { id: string; title: string }, ctx: TandemContext) => {
    await ctx.access.require(ctx.caller, 'edit', args.id);
    return ctx.documents.renameDocument(args.id, args.title);
  },
  deleteDocument: async (_: unknown, args: { id: string }, ctx: TandemContext) => {
    await ctx.access.require(ctx.caller, 'manage', args.id);
    const deleted = await ctx.documents.deleteDocument(args.id);
    ctx.access.changed(args.id);
    return deleted;
  },
  pushUpdate: async (_: unknown, args: { documentId: string; update: Uint8Array; origin?: string | null }, ctx: TandemContext) => {
    await ctx.access.require(ctx.caller, 'edit', args.documentId);
    return {
      documentId: args.documentId,
      stateVector: await ctx.documents.pushUpdate({
        documentId: args.documentId,
        update: args.update,
        origin: args.origin ?? null,
        author: authorName(ctx.caller),
        writer: ownerKeyOf(ctx.caller),
      }),
    };
  },
  pushAwareness: async (_: unknown, args: { documentId: string; update: Uint8Array }, ctx: TandemContext) => {
    await ctx.access.require(ctx.caller, 'presence', args.documentId);
    // Presence of a document that does not exist is an error, like everything else about it;
    // presence under someone else's clientID is FORBIDDEN (issue 11).
    await ctx.documents.pushPresence(args.documentId, args.update, ownerKeyOf(ctx.caller));
    return true;
  },
  createSnapshot: async (_: unknown, args: { documentId: string; label?: string | null }, ctx: TandemContext) => {
    await ctx.access.require(ctx.caller, 'edit', args.documentId);
    return ctx.documents.createSnapshot(args.documentId, args.label ?? null);
  },
  restoreSnapshot: async (_: unknown, args: { documentId: string; version: number }, ctx: TandemContext) => {
    await ctx.access.require(ctx.caller, 'edit', args.documentId);
    // Who restored it is kept with the change, so the others can be told (issue 9).
    return ctx.documents.restoreSnapshot(args.documentId, args.version, authorName(ctx.caller));
  },
};
