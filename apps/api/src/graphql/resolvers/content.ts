// Export and import (the content part of the contract): thin, the ContentService does the work.
import type { DocumentFormat } from '../../content/convert.js';
import type { DocumentRow, SnapshotRow } from '../../documents/store.js';
import type { TandemContext } from '../context.js';

export const contentResolvers = {
  Document: {
    export: (doc: DocumentRow, args: { format: DocumentFormat }, ctx: TandemContext) => ctx.content.exportDocument(doc, args.format),
  },
  Snapshot: {
    export: (snapshot: SnapshotRow, args: { format: DocumentFormat }, ctx: TandemContext) =>
      ctx.content.exportSnapshot(snapshot, args.format),
  },
  Mutation: {
    importDocument: (_: unknown, args: { format: DocumentFormat; content: string; title?: string | null }, ctx: TandemContext) =>
      ctx.content.importDocument(args.format, args.content, args.title ?? null),
  },
};
