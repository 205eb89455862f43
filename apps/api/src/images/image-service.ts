// Images as the API offers them: an upload is checked (size, then what the bytes are) before
// anything is stored. Who may upload (an EDITOR) and read (whoever may read the document) is
// asked of the access module by the resolver and the route, not decided here.
import { badInput, documentNotFound, tooLarge } from '../documents/errors.js';
import type { DocumentService } from '../documents/service.js';
import type { ImageRow, ImageStore } from './image-store.js';
import { imageTypeOf } from './image-type.js';

/** Where the API serves an image: the path, on the API's own origin. */
export const IMAGE_PATH = '/images/';

export function imagePath(id: string): string {
  return `${IMAGE_PATH}${id}`;
}

export class ImageService {
  constructor(
    readonly store: ImageStore,
    private readonly documents: DocumentService,
    /** MAX_IMAGE_BYTES. */
    readonly maxBytes: number,
  ) {}

  async upload(documentId: string, data: Uint8Array): Promise<ImageRow> {
    if (data.byteLength > this.maxBytes) throw tooLarge(`the image is ${data.byteLength} bytes; the limit is ${this.maxBytes}`);
    const mimeType = imageTypeOf(data);
    if (!mimeType) throw badInput('this is not a PNG, JPEG, GIF or WebP image');
    if (!(await this.documents.findDocument(documentId))) throw documentNotFound(documentId);
    return this.store.create({ documentId, mimeType, data });
  }
}
