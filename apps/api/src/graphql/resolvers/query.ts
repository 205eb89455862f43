import type { TandemContext } from '../context.js';
import { connection, pageSize } from './paging.js';

export const Query = {
  documents: async (_: unknown, args: { first?: number | null; after?: string | null }, ctx: TandemContext) =>
    connection(await ctx.documents.listDocuments(pageSize(args.first), args.after)),
  document: (_: unknown, args: { id: string }, ctx: TandemContext) => ctx.documents.findDocument(args.id),
};
