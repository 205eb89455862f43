// Export and import as the API offers them: the conversions of convert.ts, run on a worker
// thread (converter.ts), applied to stored documents and versions; and an import that creates
// a document with the content.
import { badInput, tooLarge } from '../documents/errors.js';
import { MAX_TITLE_LENGTH, type DocumentService } from '../documents/service.js';
import type { DocumentRow, SnapshotRow } from '../documents/store.js';
import type { ImageStore } from '../images/image-store.js';
import type { DocumentFormat } from './convert.js';
import { ConversionError, Converter } from './converter.js';

/** The origin of an imported document's first update, as history and subscribers see it. */
export const IMPORT_ORIGIN = 'tandem:import';

/**
 * How long one conversion may take. The largest import takes a few seconds on a slow machine
 * (bench: BENCH_ONLY=content); a file that takes far longer is built to, and is refused.
 */
const CONVERSION_TIMEOUT_MS = 60_000;

export class ContentService {
  /**
   * Largest content accepted, in UTF-8 bytes: an eighth of MAX_UPDATE_BYTES (512 KiB by
   * default). A body's Yjs update is about six times its Markdown (every block and every run
   * of formatting is an item of its own), and it must fit MAX_UPDATE_BYTES; larger files
   * would take seconds to convert only to be refused.
   */
  private readonly maxContentBytes: number;
  private readonly converter = new Converter(CONVERSION_TIMEOUT_MS);

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
    return this.converter.export(live.diff(), format, doc.title);
  }

  async exportSnapshot(snapshot: SnapshotRow, format: DocumentFormat): Promise<string> {
    const [state, doc] = await Promise.all([this.documents.snapshotState(snapshot), this.documents.findDocument(snapshot.documentId)]);
    return this.converter.export(state, format, doc?.title ?? '');
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
    const { update, suggestedTitle } = await this.convert(format, content);
    if (update.byteLength > this.maxUpdateBytes) {
      throw tooLarge(`the imported document is ${update.byteLength} bytes; the limit is ${this.maxUpdateBytes}`);
    }
    const row = await this.documents.createDocument(title ?? suggestedTitle, owner.id);
    try {
      await this.documents.pushUpdate({ documentId: row.id, update, origin: IMPORT_ORIGIN, author: owner.name });
    } catch (error) {
      await this.documents.deleteDocument(row.id).catch(() => {});
      throw error;
    }
    return (await this.documents.findDocument(row.id)) ?? row;
  }

  close(): Promise<void> {
    return this.converter.close();
  }

  private async convert(format: DocumentFormat, content: string): Promise<{ update: Uint8Array; suggestedTitle: string | null }> {
    try {
      const read = await this.converter.read(format, content);
      // Images this server has stay images; any other becomes a link (withImagesFrom).
      const known = await this.images.existing(read.imageIds);
      const update = await this.converter.build(read.body, known);
      return { update, suggestedTitle: read.title?.slice(0, MAX_TITLE_LENGTH).trim() || null };
    } catch (error) {
      // The content is the only input: whatever stops a conversion (a shape the schema cannot
      // hold, nesting too deep for the parser, a file that takes too long) is a problem with it.
      if (error instanceof ConversionError) {
        throw badInput(`this ${format === 'MARKDOWN' ? 'Markdown' : 'HTML'} cannot be read as a document: ${error.message}`);
      }
      throw error;
    }
  }
}

