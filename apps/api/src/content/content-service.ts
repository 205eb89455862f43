// Export and import as the API offers them: the pure conversions of convert.ts applied to
// stored documents and versions, and an import that creates a document with the content.
import { tooLarge, badInput } from '../documents/errors.js';
import { MAX_TITLE_LENGTH, type DocumentService } from '../documents/service.js';
import type { DocumentRow, SnapshotRow } from '../documents/store.js';
import { imageIdsIn, withImagesFrom } from '@tandem/document-schema';
import type { ImageStore } from '../images/image-store.js';
import { bodyUpdate } from './body.js';
import { exportState, readContent, type DocumentFormat, type ImportedBody } from './convert.js';

/** The origin of an imported document's first update, as history and subscribers see it. */
export const IMPORT_ORIGIN = 'tandem:import';

export class ContentService {
  /**
   * Largest content accepted, in UTF-8 bytes: an eighth of MAX_UPDATE_BYTES (512 KiB by
   * default). A body's Yjs update is about six times its Markdown (every block and every run
   * of formatting is an item of its own), and it must fit MAX_UPDATE_BYTES; larger files
   * would be converted, at a cost of seconds on the event loop, only to be refused.
   */
  private readonly maxContentBytes: number;

  constructor(
    private readonly documents: DocumentService,
    /** Which images this server has: an imported file may name some (an export it made). */
    private readonly images: ImageStore,
    /** MAX_UPDATE_BYTES: the largest update, so the largest imported body. */
    private readonly maxUpdateBytes: number,
  ) {
    this.maxContentBytes = Math.floor(maxUpdateBytes / 8);
  }

  async exportDocument(doc: DocumentRow, format: DocumentFormat): Promise<string> {
    const live = await this.documents.open(doc.id);
    return exportState(live.diff(), format, doc.title);
  }

  async exportSnapshot(snapshot: SnapshotRow, format: DocumentFormat): Promise<string> {
    const [state, doc] = await Promise.all([this.documents.snapshotState(snapshot), this.documents.findDocument(snapshot.documentId)]);
    return exportState(state, format, doc?.title ?? '');
  }

  /**
   * A new document holding `content`. Everything that can be wrong with the input is found
   * before anything is stored; should storing the body fail, the new document is removed
   * again, so a failed import leaves nothing behind.
   */
  async importDocument(
    format: DocumentFormat,
    content: string,
    title: string | null,
    /** The account that becomes the new document's OWNER, and the name history shows. */
    owner: { id: string; name: string | null },
  ): Promise<DocumentRow> {
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > this.maxContentBytes) throw tooLarge(`content is ${bytes} bytes; the limit is ${this.maxContentBytes}`);
    const imported = await this.convert(format, content);
    if (imported.update.byteLength > this.maxUpdateBytes) {
      throw tooLarge(`the imported document is ${imported.update.byteLength} bytes; the limit is ${this.maxUpdateBytes}`);
    }
    const suggested = imported.title?.slice(0, MAX_TITLE_LENGTH).trim() || null;
    const row = await this.documents.createDocument(title ?? suggested, owner.id);
    try {
      await this.documents.pushUpdate({ documentId: row.id, update: imported.update, origin: IMPORT_ORIGIN, author: owner.name });
    } catch (error) {
      await this.documents.deleteDocument(row.id).catch(() => {});
      throw error;
    }
    return (await this.documents.findDocument(row.id)) ?? row;
  }

  private async convert(format: DocumentFormat, content: string): Promise<ImportedBody> {
    const failed = (error: unknown) => {
      // The content is the only input: whatever stops a conversion (a shape the schema cannot
      // hold, nesting too deep for the parser) is a problem with it.
      const reason = error instanceof Error ? error.message : String(error);
      return badInput(`this ${format === 'MARKDOWN' ? 'Markdown' : 'HTML'} cannot be read as a document: ${reason}`);
    };
    let read;
    try {
      read = readContent(format, content);
    } catch (error) {
      throw failed(error);
    }
    const known = await this.images.existing([...imageIdsIn(read.body)]);
    try {
      return { update: bodyUpdate(withImagesFrom(read.body, (id) => known.has(id))), title: read.title };
    } catch (error) {
      throw failed(error);
    }
  }
}
