// What the update guard keeps on disk (issue 11): who owns each clientID of a document, and the
// updates waiting for their dependencies. Bytes and keys only; update-guard.ts gives them meaning.
import type { PrismaClient } from '../generated/prisma/client.js';

export interface QuarantinedRow {
  id: string;
  data: Uint8Array;
  origin: string | null;
  author: string | null;
  ownerKey: string;
  createdAt: Date;
}

export interface QuarantineInput {
  documentId: string;
  data: Uint8Array;
  origin: string | null;
  author: string | null;
  ownerKey: string;
}

export class GuardStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Claims the clientIDs nobody owns yet for `ownerKey` (the first writer wins, also between
   * API instances: the primary key decides) and returns the owner of each one asked about.
   * Claims nothing when one of them is someone else's already: that update is refused whole.
   */
  async claim(documentId: string, clients: number[], ownerKey: string): Promise<Map<number, string>> {
    const owners = await this.owners(documentId, clients);
    if ([...owners.values()].some((owner) => owner !== ownerKey) || owners.size === clients.length) return owners;
    const createdAt = this.now();
    await this.prisma.documentClient.createMany({
      data: clients.filter((client) => !owners.has(client)).map((clientId) => ({ documentId, clientId: BigInt(clientId), ownerKey, createdAt })),
      skipDuplicates: true,
    });
    return this.owners(documentId, clients);
  }

  /** The owner of each of `clients` that has one; claims nothing. */
  async owners(documentId: string, clients: number[]): Promise<Map<number, string>> {
    const rows = await this.prisma.documentClient.findMany({
      where: { documentId, clientId: { in: clients.map((client) => BigInt(client)) } },
      select: { clientId: true, ownerKey: true },
    });
    return new Map(rows.map((row) => [Number(row.clientId), row.ownerKey]));
  }

  async quarantine(input: QuarantineInput): Promise<QuarantinedRow> {
    const row = await this.prisma.quarantinedUpdate.create({ data: { ...input, data: new Uint8Array(input.data), createdAt: this.now() } });
    return { ...row, data: new Uint8Array(row.data) };
  }

  async quarantined(documentId: string): Promise<QuarantinedRow[]> {
    const rows = await this.prisma.quarantinedUpdate.findMany({ where: { documentId }, orderBy: { createdAt: 'asc' } });
    return rows.map((row) => ({ ...row, data: new Uint8Array(row.data) }));
  }

  async release(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.prisma.quarantinedUpdate.deleteMany({ where: { id: { in: ids } } });
  }
}
