// The access side of the API (../shared/contract/access.graphql and the API's additions):
// accounts, sharing, links, tokens, invitations.
import { gql, type TypedDocumentNode } from '@apollo/client';

export type ServerRole = 'ADMIN' | 'MEMBER';
export type DocumentRole = 'OWNER' | 'EDITOR' | 'COMMENTER' | 'VIEWER';
export type GeneralAccess = 'RESTRICTED' | 'VIEW' | 'COMMENT' | 'EDIT';
export type SignUpPolicy = 'INVITE' | 'OPEN' | 'CLOSED';

export interface Account {
  __typename?: 'User';
  id: string;
  email: string;
  name: string;
  role: ServerRole;
  disabled?: boolean;
}

export const VIEWER_STATE: TypedDocumentNode<{ me: Account | null; serverInfo: { needsSetup: boolean; signUp: SignUpPolicy } }, Record<string, never>> = gql`
  query ViewerState {
    me {
      id
      email
      name
      role
    }
    serverInfo {
      needsSetup
      signUp
    }
  }
`;

export const SIGN_IN: TypedDocumentNode<{ signIn: { token: string; user: Account } }, { email: string; password: string }> = gql`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      token
      user {
        id
        email
        name
        role
      }
    }
  }
`;

export const SIGN_UP: TypedDocumentNode<
  { signUp: { token: string; user: Account } },
  { email: string; password: string; name: string; invitation?: string | null }
> = gql`
  mutation SignUp($email: String!, $password: String!, $name: String!, $invitation: String) {
    signUp(email: $email, password: $password, name: $name, invitation: $invitation) {
      token
      user {
        id
        email
        name
        role
      }
    }
  }
`;

export const SIGN_OUT: TypedDocumentNode<{ signOut: boolean }, Record<string, never>> = gql`
  mutation SignOut {
    signOut
  }
`;

// --- Sharing ----------------------------------------------------------------------------------

export interface Member {
  role: DocumentRole;
  user: Account;
}

export interface ShareLink {
  __typename?: 'ShareLink';
  id: string;
  role: DocumentRole;
  createdAt: string;
  expiresAt: string | null;
  token?: string | null;
  url?: string | null;
}

export interface Sharing {
  __typename?: 'Document';
  id: string;
  title: string;
  myRole: DocumentRole;
  generalAccess: GeneralAccess;
  members: Member[];
  shareLinks: ShareLink[];
}

const SHARING_FIELDS = gql`
  fragment SharingFields on Document {
    id
    title
    myRole
    generalAccess
    members {
      role
      user {
        id
        email
        name
        role
      }
    }
    shareLinks {
      id
      role
      createdAt
      expiresAt
    }
  }
`;

export const DOCUMENT_SHARING: TypedDocumentNode<{ document: Sharing | null }, { id: string }> = gql`
  query DocumentSharing($id: ID!) {
    document(id: $id) {
      ...SharingFields
    }
  }
  ${SHARING_FIELDS}
`;

export const SHARE_DOCUMENT: TypedDocumentNode<{ shareDocument: Member }, { documentId: string; email: string; role: DocumentRole }> = gql`
  mutation ShareDocument($documentId: ID!, $email: String!, $role: DocumentRole!) {
    shareDocument(documentId: $documentId, email: $email, role: $role) {
      role
      user {
        id
        email
        name
        role
      }
    }
  }
`;

export const UNSHARE_DOCUMENT: TypedDocumentNode<{ unshareDocument: boolean }, { documentId: string; userId: string }> = gql`
  mutation UnshareDocument($documentId: ID!, $userId: ID!) {
    unshareDocument(documentId: $documentId, userId: $userId)
  }
`;

export const SET_GENERAL_ACCESS: TypedDocumentNode<{ setGeneralAccess: { id: string; generalAccess: GeneralAccess } }, { documentId: string; access: GeneralAccess }> = gql`
  mutation SetGeneralAccess($documentId: ID!, $access: GeneralAccess!) {
    setGeneralAccess(documentId: $documentId, access: $access) {
      id
      generalAccess
    }
  }
`;

export const CREATE_SHARE_LINK: TypedDocumentNode<
  { createShareLink: ShareLink & { token: string; url: string | null } },
  { documentId: string; role: DocumentRole; expiresAt?: string | null }
> = gql`
  mutation CreateShareLink($documentId: ID!, $role: DocumentRole!, $expiresAt: DateTime) {
    createShareLink(documentId: $documentId, role: $role, expiresAt: $expiresAt) {
      id
      role
      createdAt
      expiresAt
      token
      url
    }
  }
`;

export const REVOKE_SHARE_LINK: TypedDocumentNode<{ revokeShareLink: boolean }, { id: string }> = gql`
  mutation RevokeShareLink($id: ID!) {
    revokeShareLink(id: $id)
  }
`;

// --- API tokens -------------------------------------------------------------------------------

export interface ApiToken {
  __typename?: 'ApiToken';
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  token?: string | null;
}

export const API_TOKENS: TypedDocumentNode<{ apiTokens: ApiToken[] }, Record<string, never>> = gql`
  query ApiTokens {
    apiTokens {
      id
      name
      createdAt
      expiresAt
      lastUsedAt
    }
  }
`;

export const CREATE_API_TOKEN: TypedDocumentNode<{ createApiToken: ApiToken & { token: string } }, { name: string; expiresAt?: string | null }> = gql`
  mutation CreateApiToken($name: String!, $expiresAt: DateTime) {
    createApiToken(name: $name, expiresAt: $expiresAt) {
      id
      name
      createdAt
      expiresAt
      lastUsedAt
      token
    }
  }
`;

export const REVOKE_API_TOKEN: TypedDocumentNode<{ revokeApiToken: boolean }, { id: string }> = gql`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id)
  }
`;

// --- Administration ---------------------------------------------------------------------------

export interface Invitation {
  __typename?: 'Invitation';
  id: string;
  email: string | null;
  role: ServerRole;
  createdAt: string;
  expiresAt: string;
  token?: string | null;
  url?: string | null;
}

export const ADMINISTRATION: TypedDocumentNode<{ accounts: (Account & { disabled: boolean })[]; invitations: Invitation[] }, Record<string, never>> = gql`
  query Administration {
    accounts {
      id
      email
      name
      role
      disabled
    }
    invitations {
      id
      email
      role
      createdAt
      expiresAt
    }
  }
`;

export const CREATE_INVITATION: TypedDocumentNode<{ createInvitation: Invitation & { token: string } }, { email?: string | null; role: ServerRole }> = gql`
  mutation CreateInvitation($email: String, $role: ServerRole) {
    createInvitation(email: $email, role: $role) {
      id
      email
      role
      createdAt
      expiresAt
      token
      url
    }
  }
`;

export const REVOKE_INVITATION: TypedDocumentNode<{ revokeInvitation: boolean }, { id: string }> = gql`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id)
  }
`;

export const SET_ACCOUNT_DISABLED: TypedDocumentNode<{ setAccountDisabled: Account & { disabled: boolean } }, { userId: string; disabled: boolean }> = gql`
  mutation SetAccountDisabled($userId: ID!, $disabled: Boolean!) {
    setAccountDisabled(userId: $userId, disabled: $disabled) {
      id
      disabled
    }
  }
`;

export const ROLE_NAMES: Record<DocumentRole, string> = {
  OWNER: 'Owner',
  EDITOR: 'Can edit',
  COMMENTER: 'Can comment',
  VIEWER: 'Can view',
};

export const GENERAL_ACCESS_NAMES: Record<GeneralAccess, string> = {
  RESTRICTED: 'Only people added',
  VIEW: 'Everyone on this server can view',
  COMMENT: 'Everyone on this server can comment',
  EDIT: 'Everyone on this server can edit',
};

export function canEdit(role: DocumentRole | null | undefined): boolean {
  return role === 'OWNER' || role === 'EDITOR';
}
