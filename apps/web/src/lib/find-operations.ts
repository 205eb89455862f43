// Search and comments (the content part of the contract, issue 10). Thread events arrive
// through the provider's watchThreads (on whichever transport is live), not through Apollo.
import { gql, type TypedDocumentNode } from '@apollo/client';

export interface SearchHit {
  __typename?: 'SearchHit';
  document: { __typename?: 'Document'; id: string; title: string; updatedAt: string };
  /** A passage with the matched words in <mark></mark>; the rest HTML-escaped text. */
  snippet: string;
}

export const SEARCH: TypedDocumentNode<
  { search: { __typename?: 'SearchConnection'; nodes: SearchHit[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
  { query: string; first?: number }
> = gql`
  query Search($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      nodes {
        document {
          id
          title
          updatedAt
        }
        snippet
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const CREATE_THREAD: TypedDocumentNode<{ createThread: { id: string } }, { documentId: string; start: number; end: number; body: string }> = gql`
  mutation CreateThread($documentId: ID!, $start: Int!, $end: Int!, $body: String!) {
    createThread(documentId: $documentId, start: $start, end: $end, body: $body) {
      id
    }
  }
`;

export const REPLY_TO_THREAD: TypedDocumentNode<{ replyToThread: { id: string } }, { threadId: string; body: string }> = gql`
  mutation ReplyToThread($threadId: ID!, $body: String!) {
    replyToThread(threadId: $threadId, body: $body) {
      id
    }
  }
`;

export const RESOLVE_THREAD: TypedDocumentNode<{ resolveThread: { id: string; resolved: boolean } }, { threadId: string; resolved: boolean }> = gql`
  mutation ResolveThread($threadId: ID!, $resolved: Boolean!) {
    resolveThread(threadId: $threadId, resolved: $resolved) {
      id
      resolved
    }
  }
`;

export const EDIT_COMMENT: TypedDocumentNode<{ editComment: { id: string } }, { commentId: string; body: string }> = gql`
  mutation EditComment($commentId: ID!, $body: String!) {
    editComment(commentId: $commentId, body: $body) {
      id
    }
  }
`;

export const DELETE_COMMENT: TypedDocumentNode<{ deleteComment: boolean }, { commentId: string }> = gql`
  mutation DeleteComment($commentId: ID!) {
    deleteComment(commentId: $commentId)
  }
`;
