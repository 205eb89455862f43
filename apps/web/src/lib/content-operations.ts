// The content part of the contract (../shared/contract/content.graphql): export and import;
// and the one version summary the restore notice needs.
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { DocumentSummary, SnapshotKind } from './operations';

export type DocumentFormat = 'MARKDOWN' | 'HTML';

export const DOCUMENT_EXPORT: TypedDocumentNode<
  { document: { __typename?: 'Document'; id: string; title: string; export: string } | null },
  { id: string; format: DocumentFormat }
> = gql`
  query DocumentExport($id: ID!, $format: DocumentFormat!) {
    document(id: $id) {
      id
      title
      export(format: $format)
    }
  }
`;

export const VERSION_EXPORT: TypedDocumentNode<
  {
    document: {
      __typename?: 'Document';
      id: string;
      title: string;
      snapshot: { __typename?: 'Snapshot'; id: string; version: number; export: string } | null;
    } | null;
  },
  { id: string; version: number; format: DocumentFormat }
> = gql`
  query VersionExport($id: ID!, $version: Int!, $format: DocumentFormat!) {
    document(id: $id) {
      id
      title
      snapshot(version: $version) {
        id
        version
        export(format: $format)
      }
    }
  }
`;

export const IMPORT_DOCUMENT: TypedDocumentNode<
  { importDocument: DocumentSummary },
  { format: DocumentFormat; content: string; title?: string | null }
> = gql`
  mutation ImportDocument($format: DocumentFormat!, $content: String!, $title: String) {
    importDocument(format: $format, content: $content, title: $title) {
      id
      title
      updatedAt
    }
  }
`;

export interface RestoredVersion {
  __typename?: 'Snapshot';
  id: string;
  version: number;
  label: string | null;
  kind: SnapshotKind;
  authors: string[];
}

export const VERSION_SUMMARY: TypedDocumentNode<
  { document: { __typename?: 'Document'; id: string; snapshot: RestoredVersion | null } | null },
  { id: string; version: number }
> = gql`
  query VersionSummary($id: ID!, $version: Int!) {
    document(id: $id) {
      id
      snapshot(version: $version) {
        id
        version
        label
        kind
        authors
      }
    }
  }
`;

export const UPLOAD_IMAGE: TypedDocumentNode<
  { uploadImage: { __typename?: 'Image'; id: string; url: string; mimeType: string; byteSize: number } },
  { documentId: string; data: string }
> = gql`
  mutation UploadImage($documentId: ID!, $data: Base64!) {
    uploadImage(documentId: $documentId, data: $data) {
      id
      url
      mimeType
      byteSize
    }
  }
`;
