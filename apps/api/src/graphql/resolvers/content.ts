// Export and import (the content part of the contract): thin, the ContentService does the work.
// Exports are fields of a Document or Snapshot the caller was already allowed to read (the
// `document` query asks the access module); an import creates a document, which only an
// account may, and that account becomes its OWNER.
import { authorName } from '../../access/caller.js';
import type { DocumentFormat } from '../../content/convert.js';
import type { DocumentRow, SnapshotRow } from '../../documents/store.js';
import { imagePath } from '../../images/image-service.js';
import type { ImageRow } from '../../images/image-store.js';
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
    importDocument: (_: unknown, args: { format: DocumentFormat; content: string; title?: string | null }, ctx: TandemContext) => {
      const owner = ctx.access.requireAccount(ctx.caller, 'createDocument');
      return ctx.content.importDocument(args.format, args.content, args.title ?? null, { id: owner.id, name: authorName(ctx.caller) });
    },
    uploadImage: async (_: unknown, args: { documentId: string; data: Uint8Array }, ctx: TandemContext) => {
      await ctx.access.require(ctx.caller, 'edit', args.documentId);
      return ctx.images.upload(args.documentId, args.data);
    },
  },
  Image: {
    url: (image: ImageRow) => imagePath(image.id),
  },
};
