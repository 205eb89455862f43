// Everything the API keeps on disk, behind one class: documents, the update log and versions.
// No Yjs here: this module moves bytes and numbers; live-document.ts gives them meaning.
import type { RawQuery } from '../db/database.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { BatchOutcome } from './group-commit.js';
import { documentNotFound } from './errors.js';
import type { VersionInfo } from './retention.js';
import type { Visibility } from '../access/policy.js';

export interface DocumentRow {
  id: string;
  title: string;
  createdAt: Date;
  updatedAt: Date;
  lastSeq: number;
  lastVersion: number;
  generalAccess: string;
}

/** AUTO: the version policy; MANUAL / NAMED: createSnapshot without / with a label; RESTORE: restoreSnapshot. */
export type SnapshotKind = 'AUTO' | 'MANUAL' | 'NAMED' | 'RESTORE';

export interface SnapshotRow {
  id: string;
  documentId: string;
  version: number;
  label: string | null;
  kind: string;
  byteSize: number;
  seq: number;
  updateCount: number;
  authors: string[];
  createdAt: Date;
}

export interface SnapshotWithState extends SnapshotRow {
  state: Uint8Array;
}

export interface StoredUpdate {
  seq: number;
  data: Uint8Array;
  origin: string | null;
}

export interface PendingWrite {
  documentId: string;
  data: Uint8Array;
  origin: string | null;
  author: string | null;
}

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const snapshotColumns = {
  id: true,
  documentId: true,
  version: true,
  label: true,
  kind: true,
  byteSize: true,
  seq: true,
  updateCount: true,
  authors: true,
  createdAt: true,
} as const;

/** Opaque cursors: base64url of JSON, so clients cannot lean on their shape. */
function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeCursor<T>(cursor: string | null | undefined, valid: (value: unknown) => value is T): T | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (valid(value)) return value;
  } catch {
    // fall through
  }
  return null;
}

const isDocumentCursor = (v: unknown): v is [string, string] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && !Number.isNaN(Date.parse(v[0]));
const isVersionCursor = (v: unknown): v is number => Number.isInteger(v);

export class InvalidCursorError extends Error {}

/**
 * Group commit's statement: bump each document's lastSeq by its number of writes, then insert
 * the writes numbered from the old value, all in one atomic statement. Parameters are parallel
 * arrays: documentId, data, origin, author, position in the batch; then the timestamp.
 */
const APPEND_UPDATES = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::bytea[], $3::text[], $4::text[], $5::int[])
    AS t(document_id, data, origin, author, ord)
), counts AS (
  SELECT document_id, count(*)::int AS n FROM input GROUP BY document_id
), bumped AS (
  UPDATE "Document" AS d SET "lastSeq" = d."lastSeq" + c.n, "updatedAt" = $6::timestamptz
  FROM counts AS c WHERE d."id" = c.document_id
  RETURNING d."id" AS id, d."lastSeq" - c.n AS base
), inserted AS (
  INSERT INTO "DocumentUpdate" ("documentId", "seq", "data", "origin", "author", "createdAt")
  SELECT i.document_id, b.base + row_number() OVER (PARTITION BY i.document_id ORDER BY i.ord),
         i.data, i.origin, i.author, $6::timestamptz
  FROM input AS i JOIN bumped AS b ON b.id = i.document_id
  RETURNING 1
)
SELECT id, base FROM bumped`;

/** A Buffer over the same memory: node-postgres encodes only Buffers as bytea (in arrays too). */
function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function bytes(data: Uint8Array | Buffer): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export class DocumentStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
    /** The driver's own query function for appendUpdates; Prisma's $queryRawUnsafe without it. */
    private readonly rawQuery: RawQuery = (sql, params) => prisma.$queryRawUnsafe(sql, ...params),
  ) {}

  /** A new document; `ownerId`'s account is its first OWNER. */
  createDocument(title: string, ownerId: string): Promise<DocumentRow> {
    const at = this.now();
    return this.prisma.document.create({
      data: { title, createdAt: at, updatedAt: at, members: { create: { userId: ownerId, role: 'OWNER', createdAt: at } } },
    });
  }

  findDocument(id: string): Promise<DocumentRow | null> {
    return this.prisma.document.findUnique({ where: { id } });
  }

  /** Several documents by id (search's hits), keyed by id; unknown ids are left out. */
  async findDocuments(ids: string[]): Promise<Map<string, DocumentRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.document.findMany({ where: { id: { in: ids } } });
    return new Map(rows.map((row) => [row.id, row]));
  }

  async renameDocument(id: string, title: string): Promise<DocumentRow> {
    const { count } = await this.prisma.document.updateMany({ where: { id }, data: { title, updatedAt: this.now() } });
    if (count === 0) throw documentNotFound(id);
    return (await this.findDocument(id)) ?? Promise.reject(documentNotFound(id));
  }

  async deleteDocument(id: string): Promise<boolean> {
    const { count } = await this.prisma.document.deleteMany({ where: { id } });
    return count > 0;
  }

  /** The documents `visible` lets a caller see, most recently updated first; keyset pagination on (updatedAt, id). */
  async listDocuments(first: number, after: string | null | undefined, visible: Visibility): Promise<Page<DocumentRow>> {
    const cursor = decodeCursor(after, isDocumentCursor);
    if (after && !cursor) throw new InvalidCursorError('`after` is not a cursor this API returned');
    const visibleWhere =
      visible.kind === 'all'
        ? {}
        : visible.kind === 'document'
          ? { id: visible.documentId }
          : { OR: [{ members: { some: { userId: visible.userId } } }, { generalAccess: { not: 'RESTRICTED' } }] };
    const rows = await this.prisma.document.findMany({
      where: {
        AND: [
          visibleWhere,
          cursor
            ? {
                OR: [
                  { updatedAt: { lt: new Date(cursor[0]) } },
                  { updatedAt: new Date(cursor[0]), id: { lt: cursor[1] } },
                ],
              }
            : {},
        ],
      },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      take: first + 1,
    });
    const nodes = rows.slice(0, first);
    const last = nodes.at(-1);
    return {
      nodes,
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor([last.updatedAt.toISOString(), last.id]) : null,
    };
  }

  /** What a live document is built from: the newest version and the updates after it. */
  async loadState(id: string): Promise<{ snapshot: SnapshotWithState | null; updates: StoredUpdate[]; lastSeq: number } | null> {
    return this.prisma.$transaction(async (tx) => {
      const document = await tx.document.findUnique({ where: { id }, select: { lastSeq: true } });
      if (!document) return null;
      const snapshot = await tx.snapshot.findFirst({
        where: { documentId: id },
        orderBy: [{ seq: 'desc' }, { version: 'desc' }],
      });
      const updates = await tx.documentUpdate.findMany({
        where: { documentId: id, seq: { gt: snapshot?.seq ?? 0 } },
        orderBy: { seq: 'asc' },
        select: { seq: true, data: true, origin: true },
      });
      return {
        snapshot: snapshot ? { ...snapshot, state: bytes(snapshot.state) } : null,
        updates: updates.map((u) => ({ ...u, data: bytes(u.data) })),
        lastSeq: document.lastSeq,
      };
    });
  }

  /** Updates stored after `seq` (for an instance that saw a gap in the sequence). */
  async updatesAfter(id: string, seq: number): Promise<StoredUpdate[]> {
    const updates = await this.prisma.documentUpdate.findMany({
      where: { documentId: id, seq: { gt: seq } },
      orderBy: { seq: 'asc' },
      select: { seq: true, data: true, origin: true },
    });
    return updates.map((u) => ({ ...u, data: bytes(u.data) }));
  }

  /**
   * Appends a batch of updates (from any number of documents) as one statement, so one
   * commit (and one fsync) covers the whole batch. Each document's counter is bumped once
   * under its row lock, which hands out gap-free sequence numbers even with several API
   * instances writing. A document deleted meanwhile fails only its own writes.
   */
  async appendUpdates(writes: PendingWrite[]): Promise<BatchOutcome<number>[]> {
    // Straight through the driver: this runs once per group commit, on every keystroke's
    // path, and Prisma's query engine added its own work and a hop to each (issue 8).
    const rows = await this.rawQuery<{ id: string; base: number }>(APPEND_UPDATES, [
      writes.map((w) => w.documentId),
      writes.map((w) => asBuffer(w.data)),
      writes.map((w) => w.origin),
      writes.map((w) => w.author),
      writes.map((_, index) => index),
      this.now(),
    ]);
    // Within a document, seqs follow the batch order (the statement numbers rows by `ord`).
    const next = new Map(rows.map((row) => [row.id, Number(row.base)]));
    return writes.map((write) => {
      const base = next.get(write.documentId);
      if (base === undefined) return { ok: false, error: documentNotFound(write.documentId) };
      next.set(write.documentId, base + 1);
      return { ok: true, value: base + 1 };
    });
  }

  /**
   * Stores `state` (which contains every update up to `seq`) as the next version, records how
   * many updates and which authors it covers, and compacts the log behind it.
   * Returns null for an AUTO version when a version already covers `seq` (another instance
   * or an earlier trigger got there first).
   */
  async createSnapshot(input: {
    documentId: string;
    state: Uint8Array;
    seq: number;
    kind: SnapshotKind;
    label: string | null;
  }): Promise<SnapshotRow | null> {
    const { documentId, state, seq, kind, label } = input;
    return this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ lastVersion: number }[]>`
        SELECT "lastVersion" FROM "Document" WHERE "id" = ${documentId} FOR UPDATE`;
      if (locked.length === 0) throw documentNotFound(documentId);
      const previous = await tx.snapshot.aggregate({ where: { documentId }, _max: { seq: true } });
      const previousSeq = previous._max.seq ?? 0;
      if (kind === 'AUTO' && previous._max.seq !== null && previousSeq >= seq) return null;
      const covered = await tx.documentUpdate.findMany({
        where: { documentId, seq: { gt: previousSeq, lte: seq } },
        select: { author: true },
      });
      const authors = [...new Set(covered.map((u) => u.author).filter((a): a is string => !!a))].sort();
      const { lastVersion } = await tx.document.update({
        where: { id: documentId },
        data: { lastVersion: { increment: 1 } },
        select: { lastVersion: true },
      });
      const snapshot = await tx.snapshot.create({
        data: {
          documentId,
          version: lastVersion,
          label,
          kind,
          state: state as Uint8Array<ArrayBuffer>,
          byteSize: state.byteLength,
          seq,
          updateCount: covered.length,
          authors,
          createdAt: this.now(),
        },
        select: snapshotColumns,
      });
      // The version holds everything up to `seq`: the log before it is redundant.
      await tx.documentUpdate.deleteMany({ where: { documentId, seq: { lte: seq } } });
      return snapshot;
    });
  }

  /**
   * Deletes the versions `pick` chooses (never the newest: callers guarantee it) and folds
   * what each one covered (update count, authors) into the next version kept, so every kept
   * version still tells who contributed since the one before it.
   */
  async thinVersions(documentId: string, pick: (versions: VersionInfo[]) => number[]): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "Document" WHERE "id" = ${documentId} FOR UPDATE`;
      const versions = await tx.snapshot.findMany({
        where: { documentId },
        orderBy: { version: 'asc' },
        select: { id: true, version: true, kind: true, createdAt: true, updateCount: true, authors: true },
      });
      const thin = new Set(pick(versions));
      if (thin.size === 0) return 0;
      let carriedCount = 0;
      let carriedAuthors = new Set<string>();
      for (const version of versions) {
        if (thin.has(version.version)) {
          carriedCount += version.updateCount;
          for (const author of version.authors) carriedAuthors.add(author);
          continue;
        }
        if (carriedCount > 0 || carriedAuthors.size > 0) {
          await tx.snapshot.update({
            where: { id: version.id },
            data: {
              updateCount: version.updateCount + carriedCount,
              authors: [...new Set([...version.authors, ...carriedAuthors])].sort(),
            },
          });
          carriedCount = 0;
          carriedAuthors = new Set();
        }
      }
      await tx.snapshot.deleteMany({ where: { documentId, version: { in: [...thin] } } });
      return thin.size;
    });
  }

  async listSnapshots(documentId: string, first: number, after: string | null | undefined): Promise<Page<SnapshotRow>> {
    const cursor = decodeCursor(after, isVersionCursor);
    if (after && cursor === null) throw new InvalidCursorError('`after` is not a cursor this API returned');
    const rows = await this.prisma.snapshot.findMany({
      where: { documentId, ...(cursor !== null ? { version: { lt: cursor } } : {}) },
      orderBy: { version: 'desc' },
      take: first + 1,
      select: snapshotColumns,
    });
    const nodes = rows.slice(0, first);
    const last = nodes.at(-1);
    return { nodes, hasNextPage: rows.length > first, endCursor: last ? encodeCursor(last.version) : null };
  }

  findSnapshot(documentId: string, version: number): Promise<SnapshotRow | null> {
    return this.prisma.snapshot.findUnique({
      where: { documentId_version: { documentId, version } },
      select: snapshotColumns,
    });
  }

  async snapshotState(id: string): Promise<Uint8Array | null> {
    const row = await this.prisma.snapshot.findUnique({ where: { id }, select: { state: true } });
    return row ? bytes(row.state) : null;
  }
}
