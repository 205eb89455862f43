import { visibility } from '../../access/policy.js';
import type { TandemContext } from '../context.js';
import { connection, pageSize } from './paging.js';

export const Query = {
  documents: async (_: unknown, args: { first?: number | null; after?: string | null }, ctx: TandemContext) => {
    ctx.access.requireServer(ctx.caller, 'listDocuments');
    return connection(await ctx.documents.listDocuments(pageSize(args.first), args.after, visibility(ctx.caller)!));
  },
  /** A document the caller may not see answers as an unknown one: null. */
  document: async (_: unknown, args: { id: string }, ctx: TandemContext) => {
    ctx.access.requireServer(ctx.caller, 'listDocuments');
    if (!(await ctx.access.allows(ctx.caller, 'read', args.id))) return null;
    return ctx.documents.findDocument(args.id);
  },
};
