// Threads and comments on disk. No Yjs here: anchors are bytes (anchors.ts reads them).
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Account } from '../access/caller.js';
import { isServerRole } from '../access/roles.js';

export interface CommentRow {
  id: string;
  threadId: string;
  author: Account & { disabled: boolean };
  body: string;
  createdAt: Date;
  editedAt: Date | null;
}

export interface ThreadRow {
  id: string;
  documentId: string;
  anchorStart: Uint8Array;
  anchorEnd: Uint8Array;
  resolved: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Oldest first; the first one opened the thread. */
  comments: CommentRow[];
}

const withComments = {
  comments: {
    orderBy: { position: 'asc' },
    include: { author: { select: { id: true, email: true, name: true, role: true, disabled: true } } },
  },
} satisfies Prisma.CommentThreadInclude;

/** A thread as Prisma reads it with `withComments`. */
type StoredThread = Prisma.CommentThreadGetPayload<{ include: typeof withComments }>;

function toThread(row: StoredThread): ThreadRow {
  return {
    ...row,
    anchorStart: new Uint8Array(row.anchorStart),
    anchorEnd: new Uint8Array(row.anchorEnd),
    comments: row.comments.map((comment) => ({
      id: comment.id,
      threadId: comment.threadId,
      body: comment.body,
      createdAt: comment.createdAt,
      editedAt: comment.editedAt,
      author: { ...comment.author, role: isServerRole(comment.author.role) ? comment.author.role : 'MEMBER' },
    })),
  };
}

export class CommentStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createThread(input: { documentId: string; anchorStart: Uint8Array; anchorEnd: Uint8Array; authorId: string; body: string }): Promise<ThreadRow> {
    const at = this.now();
    const row = await this.prisma.commentThread.create({
      data: {
        documentId: input.documentId,
        anchorStart: new Uint8Array(input.anchorStart),
        anchorEnd: new Uint8Array(input.anchorEnd),
        createdAt: at,
        updatedAt: at,
        comments: { create: { authorId: input.authorId, body: input.body, createdAt: at, position: 0 } },
      },
      include: withComments,
    });
    return toThread(row);
  }

  async findThread(id: string): Promise<ThreadRow | null> {
    const row = await this.prisma.commentThread.findUnique({ where: { id }, include: withComments });
    return row ? toThread(row) : null;
  }

  /** The thread a comment belongs to, with the comment's author; null for an unknown comment. */
  async findComment(id: string): Promise<{ threadId: string; documentId: string; authorId: string } | null> {
    const row = await this.prisma.comment.findUnique({ where: { id }, select: { threadId: true, authorId: true, thread: { select: { documentId: true } } } });
    return row ? { threadId: row.threadId, documentId: row.thread.documentId, authorId: row.authorId } : null;
  }

  async threads(documentId: string, includeResolved: boolean): Promise<ThreadRow[]> {
    const rows = await this.prisma.commentThread.findMany({
      where: { documentId, ...(includeResolved ? {} : { resolved: false }) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      include: withComments,
    });
    return rows.map(toThread);
  }

  /** A reply; the thread's updatedAt moves with it. Null when the thread is gone. */
  async addComment(threadId: string, authorId: string, body: string): Promise<string | null> {
    const at = this.now();
    return this.prisma.$transaction(async (tx) => {
      // The update locks the thread's row, so concurrent replies take turns for their position.
      const { count } = await tx.commentThread.updateMany({ where: { id: threadId }, data: { updatedAt: at } });
      if (count === 0) return null;
      const last = await tx.comment.aggregate({ where: { threadId }, _max: { position: true } });
      const position = (last._max.position ?? -1) + 1;
      const comment = await tx.comment.create({ data: { threadId, authorId, body, createdAt: at, position }, select: { id: true } });
      return comment.id;
    });
  }

  async setResolved(threadId: string, resolved: boolean): Promise<boolean> {
    const { count } = await this.prisma.commentThread.updateMany({ where: { id: threadId }, data: { resolved, updatedAt: this.now() } });
    return count > 0;
  }

  async editComment(commentId: string, threadId: string, body: string): Promise<boolean> {
    const at = this.now();
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.comment.updateMany({ where: { id: commentId }, data: { body, editedAt: at } });
      if (count === 0) return false;
      await tx.commentThread.updateMany({ where: { id: threadId }, data: { updatedAt: at } });
      return true;
    });
  }

  /** Deletes a reply, or the whole thread when it is the thread's first comment. */
  async deleteComment(commentId: string, threadId: string): Promise<'comment' | 'thread' | null> {
    const at = this.now();
    return this.prisma.$transaction(async (tx) => {
      const first = await tx.comment.findFirst({ where: { threadId }, orderBy: { position: 'asc' }, select: { id: true } });
      if (!first) return null;
      if (first.id === commentId) {
        const { count } = await tx.commentThread.deleteMany({ where: { id: threadId } });
        return count > 0 ? 'thread' : null;
      }
      const { count } = await tx.comment.deleteMany({ where: { id: commentId } });
      if (count === 0) return null;
      await tx.commentThread.updateMany({ where: { id: threadId }, data: { updatedAt: at } });
      return 'comment';
    });
  }
}
