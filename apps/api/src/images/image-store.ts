// Images on disk: one row each, bytes included, tied to their document. No access rules
// here: image-service.ts and the route ask the access module first.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ImageType } from './image-type.js';

export interface ImageRow {
  id: string;
  documentId: string;
  mimeType: string;
  byteSize: number;
  createdAt: Date;
}

const columns = { id: true, documentId: true, mimeType: true, byteSize: true, createdAt: true } as const;

export class ImageStore {
  constructor(private readonly prisma: PrismaClient) {}

  create(input: { documentId: string; mimeType: ImageType; data: Uint8Array }): Promise<ImageRow> {
    return this.prisma.image.create({
      data: { documentId: input.documentId, mimeType: input.mimeType, byteSize: input.data.byteLength, data: input.data as Uint8Array<ArrayBuffer> },
      select: columns,
    });
  }

  find(id: string): Promise<ImageRow | null> {
    return this.prisma.image.findUnique({ where: { id }, select: columns });
  }

  async data(id: string): Promise<{ row: ImageRow; data: Uint8Array } | null> {
    const found = await this.prisma.image.findUnique({ where: { id }, select: { ...columns, data: true } });
    if (!found) return null;
    const { data, ...row } = found;
    return { row, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  }

  /** Which of `ids` are images that exist. */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.prisma.image.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
    return new Set(rows.map((row) => row.id));
  }
}
