// Comments as the API uses them: threads on a range of the body, replies, edits, deletion,
// resolving. Who may do what is asked of the access policy by the resolvers; what only this
// module can know (is the caller the comment's author?) is checked here. Every change is
// told to threadEvents' listeners on every instance.
import { badInput, DomainError, forbidden } from '../documents/errors.js';
import type { DocumentService } from '../documents/service.js';
import { anchorRange, resolveAnchor, type AnchoredText } from './anchors.js';
import type { CommentRow, CommentStore, ThreadRow } from './comment-store.js';
import type { ThreadEvents } from './thread-events.js';

export const MAX_COMMENT_LENGTH = 10_000;

export const threadNotFound = (id: string) => new DomainError('NOT_FOUND', `no comment thread has id "${id}"; it may have been deleted`);
export const commentNotFound = (id: string) => new DomainError('NOT_FOUND', `no comment has id "${id}"; it may have been deleted`);

function checkBody(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) throw badInput('a comment must not be empty');
  if (trimmed.length > MAX_COMMENT_LENGTH) throw badInput(`a comment is at most ${MAX_COMMENT_LENGTH} characters`);
  // PostgreSQL text cannot hold U+0000.
  if (trimmed.includes('\u0000')) throw badInput('a comment must not contain the NUL character');
  return trimmed;
}

export class CommentService {
  constructor(
    readonly store: CommentStore,
    readonly events: ThreadEvents,
    private readonly documents: DocumentService,
  ) {}

  async createThread(input: { documentId: string; start: number; end: number; body: string; authorId: string }): Promise<ThreadRow> {
    const body = checkBody(input.body);
    const live = await this.documents.open(input.documentId);
    const anchor = anchorRange(live.doc, input.start, input.end);
    const thread = await this.store.createThread({ documentId: input.documentId, anchorStart: anchor.start, anchorEnd: anchor.end, authorId: input.authorId, body });
    this.events.publish({ kind: 'CREATED', thread });
    return thread;
  }

  async reply(threadId: string, body: string, authorId: string): Promise<CommentRow> {
    const text = checkBody(body);
    const commentId = await this.store.addComment(threadId, authorId, text);
    if (!commentId) throw threadNotFound(threadId);
    const thread = await this.changed(threadId);
    return thread.comments.find((comment) => comment.id === commentId) ?? Promise.reject(commentNotFound(commentId));
  }

  async setResolved(threadId: string, resolved: boolean): Promise<ThreadRow> {
    if (!(await this.store.setResolved(threadId, resolved))) throw threadNotFound(threadId);
    return this.changed(threadId);
  }

  /** Only its author may edit a comment. */
  async edit(commentId: string, body: string, callerId: string): Promise<CommentRow> {
    const text = checkBody(body);
    const comment = await this.store.findComment(commentId);
    if (!comment) throw commentNotFound(commentId);
    if (comment.authorId !== callerId) throw forbidden('only its author may edit a comment');
    if (!(await this.store.editComment(commentId, comment.threadId, text))) throw commentNotFound(commentId);
    const thread = await this.changed(comment.threadId);
    return thread.comments.find((c) => c.id === commentId) ?? Promise.reject(commentNotFound(commentId));
  }

  /** Deletes a reply, or the thread with all its comments when `commentId` opened it. */
  async delete(commentId: string): Promise<void> {
    const comment = await this.store.findComment(commentId);
    if (!comment) throw commentNotFound(commentId);
    const before = await this.store.findThread(comment.threadId);
    const deleted = await this.store.deleteComment(commentId, comment.threadId);
    if (!deleted || !before) throw commentNotFound(commentId);
    if (deleted === 'thread') this.events.publish({ kind: 'DELETED', thread: before });
    else await this.changed(comment.threadId);
  }

  threads(documentId: string, includeResolved: boolean): Promise<ThreadRow[]> {
    return this.store.threads(documentId, includeResolved);
  }

  /** Where the anchored text is now in the live document; null once it was deleted. */
  async anchored(thread: ThreadRow): Promise<AnchoredText | null> {
    const live = await this.documents.open(thread.documentId);
    return resolveAnchor(live.doc, { start: thread.anchorStart, end: thread.anchorEnd });
  }

  /** Reads the thread after a change and tells everyone. */
  private async changed(threadId: string): Promise<ThreadRow> {
    const thread = await this.store.findThread(threadId);
    if (!thread) throw threadNotFound(threadId);
    this.events.publish({ kind: 'UPDATED', thread });
    return thread;
  }
}
