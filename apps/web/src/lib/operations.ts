// The documents side of the contract (../shared/contract/schema.graphql). Editing itself goes
// through @tandem/provider, not Apollo.
import { gql, type TypedDocumentNode } from '@apollo/client';

export interface DocumentSummary {
  __typename?: 'Document';
  id: string;
  title: string;
  updatedAt: string;
}

export interface DocumentConnection {
  __typename?: 'DocumentConnection';
  nodes: DocumentSummary[];
  pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor: string | null };
}

export const PAGE_SIZE = 20;

export const DOCUMENTS: TypedDocumentNode<
  { documents: DocumentConnection },
  { first?: number; after?: string | null }
> = gql`
  query Documents($first: Int, $after: String) {
    documents(first: $first, after: $after) {
      nodes {
        id
        title
        updatedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const DOCUMENT: TypedDocumentNode<{ document: DocumentSummary | null }, { id: string }> = gql`
  query Document($id: ID!) {
    document(id: $id) {
      id
      title
      updatedAt
    }
  }
`;

export const CREATE_DOCUMENT: TypedDocumentNode<{ createDocument: DocumentSummary }, { title?: string | null }> = gql`
  mutation CreateDocument($title: String) {
    createDocument(title: $title) {
      id
      title
      updatedAt
    }
  }
`;

export const RENAME_DOCUMENT: TypedDocumentNode<{ renameDocument: DocumentSummary }, { id: string; title: string }> = gql`
  mutation RenameDocument($id: ID!, $title: String!) {
    renameDocument(id: $id, title: $title) {
      id
      title
      updatedAt
    }
  }
`;

export const DELETE_DOCUMENT: TypedDocumentNode<{ deleteDocument: boolean }, { id: string }> = gql`
  mutation DeleteDocument($id: ID!) {
    deleteDocument(id: $id)
  }
`;

// --- History (the API's additions: kinds, authors, diffs, restore) ----------------------------

export type SnapshotKind = 'AUTO' | 'MANUAL' | 'NAMED' | 'RESTORE';

/** A version as the history list shows it: everything but its content. */
export interface VersionSummary {
  __typename?: 'Snapshot';
  id: string;
  version: number;
  label: string | null;
  kind: SnapshotKind;
  createdAt: string;
  byteSize: number;
  updateCount: number;
  authors: string[];
}

export interface SnapshotConnection {
  __typename?: 'SnapshotConnection';
  nodes: VersionSummary[];
  pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor: string | null };
}

/** Versions per page of the history list (the API allows up to 100). */
export const VERSIONS_PAGE_SIZE = 30;

const VERSION_FIELDS = `
  id
  version
  label
  kind
  createdAt
  byteSize
  updateCount
  authors
`;

export const VERSIONS: TypedDocumentNode<
  { document: { __typename?: 'Document'; id: string; snapshots: SnapshotConnection } | null },
  { id: string; first?: number; after?: string | null }
> = gql`
  query Versions($id: ID!, $first: Int, $after: String) {
    document(id: $id) {
      id
      snapshots(first: $first, after: $after) {
        nodes {
          ${VERSION_FIELDS}
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

export interface VersionContent extends VersionSummary {
  /** Y.encodeStateAsUpdate of the document at this version, base64. */
  state: string;
}

export const VERSION: TypedDocumentNode<
  { document: { __typename?: 'Document'; id: string; snapshot: VersionContent | null } | null },
  { id: string; version: number }
> = gql`
  query Version($id: ID!, $version: Int!) {
    document(id: $id) {
      id
      snapshot(version: $version) {
        ${VERSION_FIELDS}
        state
      }
    }
  }
`;

export type BlockChange = 'UNCHANGED' | 'INSERTED' | 'DELETED' | 'MODIFIED';

export interface TextSegment {
  kind: 'EQUAL' | 'INSERT' | 'DELETE';
  text: string;
}

export interface BlockDiff {
  change: BlockChange;
  type: string;
  oldIndex: number | null;
  newIndex: number | null;
  segments: TextSegment[];
}

export interface VersionDiff {
  __typename?: 'VersionDiff';
  from: number;
  to: number | null;
  insertedCharacters: number;
  deletedCharacters: number;
  newBlockCount: number;
  blocks: BlockDiff[];
}

// Changed blocks only: a long document's unchanged text would be sent for nothing; the gaps
// between changes are counted from the blocks' indexes instead.
export const VERSION_DIFF: TypedDocumentNode<
  { document: { __typename?: 'Document'; id: string; diff: VersionDiff } | null },
  { id: string; from: number }
> = gql`
  query VersionDiff($id: ID!, $from: Int!) {
    document(id: $id) {
      id
      diff(from: $from, changesOnly: true) {
        from
        to
        insertedCharacters
        deletedCharacters
        newBlockCount
        blocks {
          change
          type
          oldIndex
          newIndex
          segments {
            kind
            text
          }
        }
      }
    }
  }
`;

export const CREATE_SNAPSHOT: TypedDocumentNode<{ createSnapshot: VersionSummary }, { id: string; label: string | null }> = gql`
  mutation CreateSnapshot($id: ID!, $label: String) {
    createSnapshot(documentId: $id, label: $label) {
      ${VERSION_FIELDS}
    }
  }
`;

export const RESTORE_SNAPSHOT: TypedDocumentNode<{ restoreSnapshot: DocumentSummary }, { id: string; version: number }> = gql`
  mutation RestoreSnapshot($id: ID!, $version: Int!) {
    restoreSnapshot(documentId: $id, version: $version) {
      id
      title
      updatedAt
    }
  }
`;
