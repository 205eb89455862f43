// The access part of the API: ../shared/contract/access.graphql plus what the web app needs
// beyond it (server info for the first run, administration, links' and invitations' URLs).
export const accessTypeDefs = /* GraphQL */ `
enum ServerRole {
  """Manages accounts, invitations and every document."""
  ADMIN
  MEMBER
}

"""Each role may do everything the roles below it may."""
enum DocumentRole {
  """Shares, changes general access, deletes the document."""
  OWNER
  """Edits the body (pushUpdate), renames, names and restores versions."""
  EDITOR
  """Reads, shows presence, and (with comments) comments."""
  COMMENTER
  """Reads and shows presence."""
  VIEWER
}

"""What every MEMBER and ADMIN of the server may do with a document without being invited."""
enum GeneralAccess {
  RESTRICTED
  VIEW
  COMMENT
  EDIT
}

"""How new accounts are made once the first one (the administrator) exists: the SIGNUP setting."""
enum SignUpPolicy {
  """With an invitation from an administrator (the default)."""
  INVITE
  """Anyone who can reach the server."""
  OPEN
  """Nobody."""
  CLOSED
}

type User {
  id: ID!
  email: String!
  name: String!
  role: ServerRole!
  """A disabled account cannot sign in; administrators disable and enable accounts."""
  disabled: Boolean!
}

type AuthSession {
  """Bearer token of this session; signOut or an administrator ends it."""
  token: String!
  user: User!
}

type ApiToken {
  id: ID!
  name: String!
  createdAt: DateTime!
  expiresAt: DateTime
  lastUsedAt: DateTime
  """Only in createApiToken's answer; never shown again (only a hash is stored)."""
  token: String
}

type Invitation {
  id: ID!
  """Only in createInvitation's answer: pass it to signUp."""
  token: String
  """Only in createInvitation's answer: the web app's sign-up page with this invitation."""
  url: String
  email: String
  role: ServerRole!
  createdAt: DateTime!
  expiresAt: DateTime!
}

type DocumentMember {
  user: User!
  role: DocumentRole!
}

type ShareLink {
  id: ID!
  role: DocumentRole!
  createdAt: DateTime!
  expiresAt: DateTime
  """Only in createShareLink's answer."""
  token: String
  """The web app's address that opens the document with this link, when the token is known."""
  url: String
}

"""What a client needs to know before anyone signs in."""
type ServerInfo {
  """True until the first account (the administrator) exists."""
  needsSetup: Boolean!
  signUp: SignUpPolicy!
}

extend type Query {
  """The caller's account; null without one (no caller, or a guest)."""
  me: User
  """The caller's own API tokens (without their secrets)."""
  apiTokens: [ApiToken!]!
  """Needs no caller: whether the server waits for its administrator, and its sign-up policy."""
  serverInfo: ServerInfo!
  """ADMIN only. Every account of the server, oldest first."""
  accounts: [User!]!
  """ADMIN only. Invitations not used yet, newest first (expired ones included)."""
  invitations: [Invitation!]!
}

extend type Mutation {
  """
  Creates an account and signs it in. The first account of a server becomes ADMIN. After that,
  sign-up follows the server's policy (default: by invitation only, so \`invitation\` is needed);
  a missing or used invitation: FORBIDDEN. Email is compared without case. A password shorter
  than 8 characters, a bad email or an email already taken: BAD_USER_INPUT.
  """
  signUp(email: String!, password: String!, name: String!, invitation: String): AuthSession!
  """Wrong email or password: UNAUTHENTICATED (the same answer for both). Too many tries: RATE_LIMITED."""
  signIn(email: String!, password: String!): AuthSession!
  """Ends the caller's session (its token stops working everywhere)."""
  signOut: Boolean!
  """ADMIN only. \`email\`, when given, is the only address that may use it. It expires after 7 days."""
  createInvitation(email: String, role: ServerRole = MEMBER): Invitation!
  """ADMIN only. An unused invitation stops working."""
  revokeInvitation(id: ID!): Boolean!
  """ADMIN only. Disabling ends the account's sessions and API tokens at once; not one's own."""
  setAccountDisabled(userId: ID!, disabled: Boolean!): User!

  createApiToken(name: String!, expiresAt: DateTime): ApiToken!
  revokeApiToken(id: ID!): Boolean!

  """OWNER only. Gives an account (found by email) a role on the document, or changes it."""
  shareDocument(documentId: ID!, email: String!, role: DocumentRole!): DocumentMember!
  """OWNER only. The last OWNER cannot be removed or lowered (BAD_USER_INPUT)."""
  unshareDocument(documentId: ID!, userId: ID!): Boolean!
  """OWNER only."""
  setGeneralAccess(documentId: ID!, access: GeneralAccess!): Document!
  """OWNER only; role OWNER is refused (BAD_USER_INPUT)."""
  createShareLink(documentId: ID!, role: DocumentRole!, expiresAt: DateTime): ShareLink!
  """OWNER only."""
  revokeShareLink(id: ID!): Boolean!
}

extend type Document {
  """The caller's role here (creating a document makes the caller its OWNER)."""
  myRole: DocumentRole!
  generalAccess: GeneralAccess!
  """Everyone with a role of their own on this document (not for guests: FORBIDDEN)."""
  members: [DocumentMember!]!
  """OWNER only (others get FORBIDDEN); links that are neither revoked nor expired."""
  shareLinks: [ShareLink!]!
}
`;
