'use client';

import { useMutation } from '@apollo/client/react';
import type { CommentThread, ThreadComment } from '@tandem/provider';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { explainError } from '@/lib/errors';
import { CREATE_THREAD, DELETE_COMMENT, EDIT_COMMENT, REPLY_TO_THREAD, RESOLVE_THREAD } from '@/lib/find-operations';
import { relativeTime } from '@/lib/time';
import { useNow } from '@/lib/use-now';
import { Notice } from '../ui/Notice';
import { commentShortcutLabel } from './comment-shortcut';
import type { TextRange } from './text-offsets';
import './comments.css';

/** A new thread being written: the selected passage. */
export type CommentDraft = TextRange;

export interface CommentsPanelProps {
  documentId: string;
  apiUrl: string;
  threads: CommentThread[];
  /** The signed-in account's id (its own comments can be edited and deleted). */
  viewerId: string | null;
  /** May comment (COMMENTER or above, with an account). */
  canComment: boolean;
  /** An OWNER may delete anyone's comment. */
  canModerate: boolean;
  draft: CommentDraft | null;
  /** Says why the selection cannot be commented on (e.g. nothing selected). */
  draftProblem: string | null;
  onDraftDone: () => void;
  /** Starts a thread on the current selection (as the shortcut does). */
  onStartComment: () => void;
  /** Unsent edits are sent first, so the server's text is the one the offsets are in. */
  beforeCreate: () => Promise<void>;
  active: string | null;
  onActivate: (threadId: string | null) => void;
  onClose: () => void;
}

/** The side panel: open and resolved threads, a new comment on the selection, replies. */
export function CommentsPanel(props: CommentsPanelProps) {
  const { threads, active, onActivate } = props;
  const headingId = useId();
  const [tab, setTab] = useState<'open' | 'resolved'>('open');
  const [error, setError] = useState<string | null>(null);
  const shown = threads.filter((thread) => thread.resolved === (tab === 'resolved'));
  const activeThread = threads.find((thread) => thread.id === active);
  // Opening a thread (a click on its highlight) shows the tab it is in.
  useEffect(() => {
    if (activeThread) setTab(activeThread.resolved ? 'resolved' : 'open');
  }, [activeThread]);

  return (
    <aside className="comments-panel" aria-labelledby={headingId} data-testid="comments-panel">
      <header className="comments-header">
        <h2 id={headingId} className="comments-title">
          Comments
        </h2>
        <button type="button" className="button button-quiet" onClick={props.onClose} aria-label="Close comments">
          ×
        </button>
      </header>

      {props.draft ? (
        <NewThread {...props} draft={props.draft} onError={setError} />
      ) : props.canComment ? (
        <div className="comments-start">
          <p className="muted comments-hint">{props.draftProblem ?? `Select some text, then press ${commentShortcutLabel()} or:`}</p>
          <button
            type="button"
            className="button"
            // Keep the selection in the text: a button that takes focus may clear it.
            onMouseDown={(event) => event.preventDefault()}
            onClick={props.onStartComment}
          >
            Comment on the selection
          </button>
        </div>
      ) : null}

      {error ? (
        <Notice
          tone="error"
          title="That didn’t work"
          actions={
            <button type="button" className="button" onClick={() => setError(null)}>
              Dismiss
            </button>
          }
        >
          {error}
        </Notice>
      ) : null}

      <div className="comments-tabs" role="tablist" aria-label="Threads">
        {(['open', 'resolved'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={`comments-tab${tab === name ? ' is-selected' : ''}`}
            onClick={() => setTab(name)}
          >
            {name === 'open' ? 'Open' : 'Resolved'} ({threads.filter((t) => t.resolved === (name === 'resolved')).length})
          </button>
        ))}
      </div>

      {shown.length === 0 ? (
        <p className="muted comments-empty">{tab === 'open' ? 'No open threads.' : 'No resolved threads.'}</p>
      ) : (
        <ul className="comment-threads">
          {shown.map((thread) => (
            <Thread key={thread.id} {...props} thread={thread} isActive={thread.id === active} onActivate={onActivate} onError={setError} />
          ))}
        </ul>
      )}
    </aside>
  );
}

function NewThread(props: CommentsPanelProps & { draft: CommentDraft; onError: (message: string | null) => void }) {
  const { draft, documentId, apiUrl, onDraftDone, onError, beforeCreate, onActivate } = props;
  const [body, setBody] = useState('');
  const [createThread, { loading }] = useMutation(CREATE_THREAD);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), [draft]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    try {
      onError(null);
      await beforeCreate();
      const result = await createThread({ variables: { documentId, start: draft.start, end: draft.end, body } });
      setBody('');
      onDraftDone();
      if (result.data) onActivate(result.data.createThread.id);
    } catch (caught) {
      onError(explainError(caught, apiUrl, 'add the comment'));
    }
  };

  return (
    <form className="comment-new" onSubmit={(event) => void submit(event)} aria-label="New comment">
      <blockquote className="comment-quote">{draft.quote}</blockquote>
      <label className="visually-hidden" htmlFor={`new-comment-${documentId}`}>
        Your comment
      </label>
      <textarea
        id={`new-comment-${documentId}`}
        ref={field}
        className="comment-input"
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
          if (event.key === 'Escape') onDraftDone();
        }}
        placeholder="Comment on this passage"
        maxLength={10_000}
        rows={3}
        data-testid="new-comment-input"
      />
      <div className="comment-actions">
        <button type="button" className="button button-quiet" onClick={onDraftDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={loading || !body.trim()}>
          Comment
        </button>
      </div>
    </form>
  );
}

function Thread(
  props: CommentsPanelProps & { thread: CommentThread; isActive: boolean; onError: (message: string | null) => void },
) {
  const { thread, isActive, onActivate, canComment, apiUrl, onError } = props;
  const now = useNow();
  const [reply, setReply] = useState('');
  const [replyToThread, replying] = useMutation(REPLY_TO_THREAD);
  const [resolveThread, resolving] = useMutation(RESOLVE_THREAD);
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (isActive) item.current?.scrollIntoView({ block: 'nearest' });
  }, [isActive]);

  const sendReply = async (event: FormEvent) => {
    event.preventDefault();
    if (!reply.trim()) return;
    try {
      onError(null);
      await replyToThread({ variables: { threadId: thread.id, body: reply } });
      setReply('');
    } catch (caught) {
      onError(explainError(caught, apiUrl, 'send the reply'));
    }
  };

  const toggleResolved = async () => {
    try {
      onError(null);
      await resolveThread({ variables: { threadId: thread.id, resolved: !thread.resolved } });
    } catch (caught) {
      onError(explainError(caught, apiUrl, thread.resolved ? 'reopen the thread' : 'resolve the thread'));
    }
  };

  return (
    <li
      ref={item}
      className={`comment-thread${isActive ? ' is-active' : ''}`}
      data-testid="comment-thread"
      data-thread-id={thread.id}
      onClick={() => onActivate(thread.id)}
    >
      {thread.quote === null ? (
        <p className="comment-quote is-removed">The text was removed.</p>
      ) : (
        <blockquote className="comment-quote">{thread.quote}</blockquote>
      )}
      <ul className="comments">
        {thread.comments.map((comment) => (
          <Comment key={comment.id} {...props} comment={comment} now={now} />
        ))}
      </ul>
      {canComment ? (
        <div className="thread-footer">
          {!thread.resolved ? (
            <form className="comment-reply" onSubmit={(event) => void sendReply(event)}>
              <label className="visually-hidden" htmlFor={`reply-${thread.id}`}>
                Reply
              </label>
              <input
                id={`reply-${thread.id}`}
                className="comment-input"
                value={reply}
                onChange={(event) => setReply(event.target.value)}
                placeholder="Reply"
                maxLength={10_000}
                data-testid="reply-input"
              />
              <button type="submit" className="button" disabled={replying.loading || !reply.trim()}>
                Reply
              </button>
            </form>
          ) : null}
          <button type="button" className="button button-quiet" onClick={() => void toggleResolved()} disabled={resolving.loading}>
            {thread.resolved ? 'Reopen' : 'Resolve'}
          </button>
        </div>
      ) : null}
    </li>
  );
}

function Comment(props: CommentsPanelProps & { comment: ThreadComment; now: number; onError: (message: string | null) => void }) {
  const { comment, now, viewerId, canComment, canModerate, apiUrl, onError } = props;
  const own = comment.author.id === viewerId;
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(comment.body);
  const [editComment, edit] = useMutation(EDIT_COMMENT);
  const [deleteComment, removal] = useMutation(DELETE_COMMENT);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onError(null);
      await editComment({ variables: { commentId: comment.id, body } });
      setEditing(false);
    } catch (caught) {
      onError(explainError(caught, apiUrl, 'save the comment'));
    }
  };
  const remove = async () => {
    try {
      onError(null);
      await deleteComment({ variables: { commentId: comment.id } });
    } catch (caught) {
      onError(explainError(caught, apiUrl, 'delete the comment'));
    }
  };

  return (
    <li className="comment" data-testid="comment">
      <div className="comment-meta">
        <strong>{comment.author.name}</strong> <span className="muted">{relativeTime(comment.createdAt, now)}</span>
        {comment.editedAt ? <span className="muted"> · edited</span> : null}
      </div>
      {editing ? (
        <form onSubmit={(event) => void save(event)} className="comment-edit">
          <textarea className="comment-input" value={body} onChange={(event) => setBody(event.target.value)} rows={2} maxLength={10_000} />
          <div className="comment-actions">
            <button type="button" className="button button-quiet" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button type="submit" className="button" disabled={edit.loading || !body.trim()}>
              Save
            </button>
          </div>
        </form>
      ) : (
        <p className="comment-body">{comment.body}</p>
      )}
      {!editing && canComment && (own || canModerate) ? (
        <div className="comment-tools">
          {own ? (
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              Edit
            </button>
          ) : null}
          <button type="button" className="link-button" onClick={() => void remove()} disabled={removal.loading}>
            Delete
          </button>
        </div>
      ) : null}
    </li>
  );
}
