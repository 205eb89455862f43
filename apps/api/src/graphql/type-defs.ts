// The API's schema: the contract (../shared/contract/schema.graphql) plus what the product
// needs beyond it. The printed form is committed at apps/api/schema.graphql (npm run schema).
export const typeDefs = /* GraphQL */ `
"""Binary data as standard base64 (RFC 4648 alphabet, with padding)."""
scalar Base64

"""ISO-8601 timestamp in UTC, e.g. 2026-11-21T10:00:00.000Z."""
scalar DateTime

type Query {
  """
  The documents the caller may see, most recently updated first. \`first\` is at most 100.
  """
  documents(first: Int = 20, after: String): DocumentConnection!
  """Null when no document has this id, or the caller may not see it."""
  document(id: ID!): Document
}

type Mutation {
  """A new empty document; without a title its title is "" (editors show a placeholder). The caller (an account) is its OWNER."""
  createDocument(title: String): Document!
  renameDocument(id: ID!, title: String!): Document!
  """True when it was deleted; NOT_FOUND when there is no such document. Live subscribers get NOT_FOUND."""
  deleteDocument(id: ID!): Boolean!

  """
  Apply a Yjs update (the bytes of Y.encodeStateAsUpdate or of a Y.Doc 'update' event).
  Resolves only after the update is durably stored; every subscriber of the document
  receives it. An update that Y.decodeUpdate cannot decode, or that throws when applied, is
  rejected with BAD_USER_INPUT and changes nothing. An update whose dependencies have not
  arrived yet is accepted (Yjs keeps it pending until they do). An update that changes
  nothing need not be broadcast. Over the size limit: PAYLOAD_TOO_LARGE (also when the
  HTTP body limit is what catches it); far over it, a WebSocket may be closed with 1009.
  EDITOR or above; history records the caller's account name as the author ("Guest" for a
  share link).
  """
  pushUpdate(documentId: ID!, update: Base64!, origin: String): PushUpdateResult!

  """Broadcast a y-protocols awareness update to the document's other clients. Never stored."""
  pushAwareness(documentId: ID!, update: Base64!): Boolean!

  """Store the document's current state as a new version."""
  createSnapshot(documentId: ID!, label: String): Snapshot!

  """
  Make the document's content equal to that version's, as a new change that reaches every
  connected client like any other update. History before it is kept, and the restored state
  is itself stored as a new version. An unknown version: NOT_FOUND.
  """
  restoreSnapshot(documentId: ID!, version: Int!): Document!
}

type Subscription {
  """
  The first event has kind SYNC and holds everything the server has that \`stateVector\`
  lacks (the whole document when it is omitted). After it, one UPDATE event for each
  update the server applies to the document, from any client, on any API instance.
  An unknown documentId ends the subscription with a NOT_FOUND error, and so does deleting
  the document while subscribed.
  """
  documentEvents(documentId: ID!, stateVector: Base64): DocumentEvent!

  """
  Awareness (presence, cursors) of the document's clients. The first event holds the current
  states of all of them. \`clientId\` is the Yjs clientID whose awareness this subscriber
  publishes with pushAwareness: when this subscription ends (socket closed, SSE stream gone),
  that state is removed for everyone at once. Events may include the subscriber's own
  state; clients ignore their own clientID. Yjs clientIDs are unsigned 32-bit and GraphQL's
  Int is signed: send \`clientID | 0\` (the server reads it back as unsigned).
  """
  awarenessEvents(documentId: ID!, clientId: Int): AwarenessEvent!

  """
  The document as it is now, then again each time its title changes or a version of it is
  stored, on any API instance (edits to the body travel by documentEvents). An unknown
  documentId ends the subscription with NOT_FOUND, and so does deleting the document.
  """
  documentChanged(documentId: ID!): Document!
}

type Document {
  id: ID!
  title: String!
  createdAt: DateTime!
  updatedAt: DateTime!
  """Number of the newest version; null while the document has none."""
  latestVersion: Int
  """Y.encodeStateVector of the server's copy."""
  stateVector: Base64!
  """A Yjs update with what the server has that \`stateVector\` lacks (the whole state when omitted)."""
  update(stateVector: Base64): Base64!
  """
  Plain text of the editor body, which lives in doc.getXmlFragment('default') (the Tiptap
  default): the text of each block that holds text (paragraph, heading, code block, the
  paragraphs inside list items and quotes), in document order, joined by "\\n", with no
  trailing newline; a hard break inside a block is "\\n".
  """
  text: String!
  """Stored versions, newest first; automatic and labelled ones together. \`first\` is at most 100."""
  snapshots(first: Int = 20, after: String): SnapshotConnection!
  """Null when the document has no such version."""
  snapshot(version: Int!): Snapshot
  """
  The current awareness states of the document's clients (as the first awarenessEvents event
  would hold them), for clients that poll instead of subscribing.
  """
  awareness: Base64!
  """
  What changed from version \`from\` to version \`to\` (to the current document when \`to\` is
  omitted), per block of text, so a client can show it without Yjs. With \`changesOnly\`,
  unchanged blocks are left out. An unknown version: NOT_FOUND.
  """
  diff(from: Int!, to: Int, changesOnly: Boolean = false): VersionDiff!
}

type VersionDiff {
  from: Int!
  """Null when the comparison is with the current document."""
  to: Int
  insertedCharacters: Int!
  deletedCharacters: Int!
  """Text blocks in the older and the newer text (with changesOnly, the unchanged ones are counted here)."""
  oldBlockCount: Int!
  newBlockCount: Int!
  """Blocks in order of the newer text, deleted blocks where they stood."""
  blocks: [BlockDiff!]!
}

enum BlockChange {
  UNCHANGED
  INSERTED
  DELETED
  """Same place, text or type changed: see \`segments\`."""
  MODIFIED
}

type BlockDiff {
  change: BlockChange!
  """Node name of the block: paragraph, heading, codeBlock, ..."""
  type: String!
  """Position among the older text's blocks (null when inserted)."""
  oldIndex: Int
  """Position among the newer text's blocks (null when deleted)."""
  newIndex: Int
  oldText: String
  newText: String
  """The block's text as runs of equal, inserted and deleted characters, in reading order."""
  segments: [TextSegment!]!
}

enum TextSegmentKind {
  EQUAL
  INSERT
  DELETE
}

type TextSegment {
  kind: TextSegmentKind!
  text: String!
  """Where the run starts in the older block's text (for INSERT: where it was inserted)."""
  oldOffset: Int!
  """Where the run starts in the newer block's text (for DELETE: where it was removed)."""
  newOffset: Int!
}

"""Why a version was stored."""
enum SnapshotKind {
  """By the version policy (enough updates, enough time, or a pause after edits)."""
  AUTO
  """By createSnapshot without a label."""
  MANUAL
  """By createSnapshot with a label."""
  NAMED
  """By restoreSnapshot: the state right after the restore."""
  RESTORE
}

type Snapshot {
  id: ID!
  """1, 2, 3, ... per document, without gaps, in the order the versions were stored."""
  version: Int!
  """Set for versions stored by createSnapshot with a label, and to "Before restoring version N" on the automatic version restoreSnapshot stores first (the text from just before the restore); otherwise null."""
  label: String
  kind: SnapshotKind!
  createdAt: DateTime!
  """Size of \`state\` in bytes (before base64)."""
  byteSize: Int!
  """Y.encodeStateAsUpdate of the document as it was at this version."""
  state: Base64!
  """Plain text of the body at this version (same rules as Document.text)."""
  text: String!
  """How many stored updates went into this version since the previous one."""
  updateCount: Int!
  """Display names of the people whose updates went into this version since the previous one."""
  authors: [String!]!
}

enum DocumentEventKind {
  SYNC
  UPDATE
}

type DocumentEvent {
  kind: DocumentEventKind!
  update: Base64!
  """The \`origin\` that was passed to pushUpdate, so a client can skip its own echo."""
  origin: String
  """The server's state vector after this event; always set on SYNC."""
  stateVector: Base64
}

type AwarenessEvent {
  """A y-protocols awareness update (encodeAwarenessUpdate)."""
  update: Base64!
}

type PushUpdateResult {
  documentId: ID!
  """The server's state vector after the update was applied."""
  stateVector: Base64!
}

type PageInfo {
  hasNextPage: Boolean!
  endCursor: String
}

type DocumentConnection {
  nodes: [Document!]!
  pageInfo: PageInfo!
}

type SnapshotConnection {
  nodes: [Snapshot!]!
  pageInfo: PageInfo!
}
`;
