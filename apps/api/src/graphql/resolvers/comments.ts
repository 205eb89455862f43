// Comment threads (the content part of the contract): thin, the CommentService does the work.
// Each mutation finds the thread's document and asks the access policy first; a thread or
// comment in a document the caller may not see answers like an unknown one (NOT_FOUND).
import { visibility } from '../../access/policy.js';
import type { DocumentAction } from '../../access/policy.js';
import type { CommentRow, ThreadRow } from '../../comments/comment-store.js';
import { commentNotFound, threadNotFound } from '../../comments/comment-service.js';
import { DomainError } from '../../documents/errors.js';
import type { DocumentRow } from '../../documents/store.js';
import type { TandemContext } from '../context.js';
import { connection, pageSize } from './paging.js';

/** `require`, with a hidden or unknown document reported as `notFound` (the thread's or comment's id). */
async function requireOn(ctx: TandemContext, action: DocumentAction, documentId: string, notFound: () => Error) {
  try {
    return await ctx.access.require(ctx.caller, action, documentId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') throw notFound();
    throw error;
  }
}

/** The caller's account id; `comment` is for accounts only, so a caller it allowed has one. */
function accountId(ctx: TandemContext): string {
  if (ctx.caller.kind !== 'account') throw new Error('the comment rule let a caller without an account through');
  return ctx.caller.account.id;
}

async function threadFor(ctx: TandemContext, threadId: string): Promise<ThreadRow> {
  const thread = await ctx.comments.store.findThread(threadId);
  if (!thread) throw threadNotFound(threadId);
  await requireOn(ctx, 'comment', thread.documentId, () => threadNotFound(threadId));
  return thread;
}

export const commentResolvers = {
  Document: {
    threads: (doc: DocumentRow, args: { includeResolved?: boolean | null }, ctx: TandemContext) =>
      ctx.comments.threads(doc.id, args.includeResolved ?? false),
  },
  Query: {
    search: async (_: unknown, args: { query: string; first?: number | null; after?: string | null }, ctx: TandemContext) => {
      ctx.access.requireServer(ctx.caller, 'listDocuments');
      return connection(await ctx.search.search(args.query, pageSize(args.first), args.after, visibility(ctx.caller)!));
    },
  },
  Mutation: {
    createThread: async (_: unknown, args: { documentId: string; start: number; end: number; body: string }, ctx: TandemContext) => {
      await ctx.access.require(ctx.caller, 'comment', args.documentId);
      return ctx.comments.createThread({ ...args, authorId: accountId(ctx) });
    },
    replyToThread: async (_: unknown, args: { threadId: string; body: string }, ctx: TandemContext) => {
      await threadFor(ctx, args.threadId);
      return ctx.comments.reply(args.threadId, args.body, accountId(ctx));
    },
    resolveThread: async (_: unknown, args: { threadId: string; resolved: boolean }, ctx: TandemContext) => {
      await threadFor(ctx, args.threadId);
      return ctx.comments.setResolved(args.threadId, args.resolved);
    },
    editComment: async (_: unknown, args: { commentId: string; body: string }, ctx: TandemContext) => {
      const comment = await ctx.comments.store.findComment(args.commentId);
      if (!comment) throw commentNotFound(args.commentId);
      await requireOn(ctx, 'comment', comment.documentId, () => commentNotFound(args.commentId));
      return ctx.comments.edit(args.commentId, args.body, accountId(ctx));
    },
    deleteComment: async (_: unknown, args: { commentId: string }, ctx: TandemContext) => {
      const comment = await ctx.comments.store.findComment(args.commentId);
      if (!comment) throw commentNotFound(args.commentId);
      // Its author (while still allowed to comment) or an OWNER of the document.
      const own = ctx.caller.kind === 'account' && ctx.caller.account.id === comment.authorId;
      await requireOn(ctx, own ? 'comment' : 'manage', comment.documentId, () => commentNotFound(args.commentId));
      await ctx.comments.delete(args.commentId);
      return true;
    },
  },
  CommentThread: {
    quote: async (thread: ThreadRow, _: unknown, ctx: TandemContext) => (await ctx.comments.anchored(thread))?.quote ?? null,
    range: async (thread: ThreadRow, _: unknown, ctx: TandemContext) => {
      const anchored = await ctx.comments.anchored(thread);
      return anchored ? { start: anchored.start, end: anchored.end } : null;
    },
  },
  Comment: {
    // Guests may not see members' email addresses (DOCUMENT_RULES.seeMembers).
    author: (comment: CommentRow, _: unknown, ctx: TandemContext) =>
      ctx.caller.kind === 'account' ? comment.author : { ...comment.author, email: '' },
  },
};
