// The content part of the contract (../shared/contract/content.graphql) that the API serves:
// export and import, search, comments; and images, which the product needs beyond it.
export const contentTypeDefs = /* GraphQL */ `
enum DocumentFormat {
  """CommonMark with GitHub's tables, task lists and strikethrough."""
  MARKDOWN
  """A complete HTML page (charset, title, body)."""
  HTML
}

extend type Document {
  """The body in that format; what the editor shows, as faithfully as the format allows."""
  export(format: DocumentFormat!): String!
}

extend type Snapshot {
  """The body at this version in that format."""
  export(format: DocumentFormat!): String!
}

extend type Mutation {
  """
  A new document (the caller is its OWNER) whose body is \`content\` read as \`format\`: headings,
  lists, task lists, quotes, code blocks, tables, links, emphasis, images. Over the size limit
  (an eighth of MAX_UPDATE_BYTES, in UTF-8 bytes; 512 KiB by default), or when the document it
  makes is over MAX_UPDATE_BYTES: PAYLOAD_TOO_LARGE. HTML is sanitised (no scripts, event
  handlers or javascript: links survive); a javascript: link in Markdown keeps its text only.
  Without a title, the HTML page's <title> or else the first heading is the title.
  """
  importDocument(format: DocumentFormat!, content: String!, title: String): Document!
}

"""
An image in a document's body. Its bytes are served at \`url\` to whoever may read the
document (the same credentials as here: a bearer token, or the web app's session cookie).
"""
type Image {
  id: ID!
  documentId: ID!
  """image/png, image/jpeg, image/gif or image/webp, as read from the bytes."""
  mimeType: String!
  byteSize: Int!
  """Where the API serves it: a path on the API's own origin, /images/<id>."""
  url: String!
  createdAt: DateTime!
}

extend type Mutation {
  """
  EDITOR or above. Stores a PNG, JPEG, GIF or WebP image for the document's body (the type is
  read from the bytes; SVG, which can carry scripts, is refused). Over MAX_IMAGE_BYTES:
  PAYLOAD_TOO_LARGE; not such an image: BAD_USER_INPUT. The image goes with its document.
  """
  uploadImage(documentId: ID!, data: Base64!): Image!
}

extend type Document {
  """Comment threads, oldest first; resolved ones only when asked for."""
  threads(includeResolved: Boolean = false): [CommentThread!]!
}

extend type Query {
  """
  Full-text search over the titles and bodies of the documents the caller may see, best match
  first (a title match ranks above a body match). \`query\` is what a person types: words,
  "quoted phrases", -excluded words. Stemmed (searching "edits" finds "editing"). An empty
  query: BAD_USER_INPUT. A change is found a moment after it is made (SEARCH_INDEX_DELAY_MS,
  one second by default). Results page up to the 1000th.
  """
  search(query: String!, first: Int = 20, after: String): SearchConnection!
}

extend type Mutation {
  """
  COMMENTER or above, with an account (a comment's author is an account; share links cannot
  comment). A thread on the text of the body from character \`start\` to \`end\` (offsets
  into Document.text, end exclusive, within one block). The anchor then follows that text
  through everyone's edits; when the text is deleted the thread stays, with \`quote\` null.
  The body: 1 to 10000 characters.
  """
  createThread(documentId: ID!, start: Int!, end: Int!, body: String!): CommentThread!
  """COMMENTER or above, with an account."""
  replyToThread(threadId: ID!, body: String!): Comment!
  """COMMENTER or above, with an account."""
  resolveThread(threadId: ID!, resolved: Boolean!): CommentThread!
  """Its author only (who must still be COMMENTER or above)."""
  editComment(commentId: ID!, body: String!): Comment!
  """Its author, or the document's OWNER. Deleting a thread's first comment deletes the thread."""
  deleteComment(commentId: ID!): Boolean!
}

extend type Subscription {
  """Every thread of the document that is created, answered, edited, resolved or deleted, as it happens."""
  threadEvents(documentId: ID!): ThreadEvent!
}

"""A discussion of a passage of the body."""
type CommentThread {
  id: ID!
  documentId: ID!
  """The anchored text as it is now; null when it was deleted ("the text was removed")."""
  quote: String
  """
  Where the anchored text is now, as offsets into Document.text (end exclusive); null when
  it was deleted.
  """
  range: TextRange
  """The anchor as two Yjs relative positions (Y.encodeRelativePosition), for editors that hold the Y.Doc."""
  anchorStart: Base64!
  anchorEnd: Base64!
  resolved: Boolean!
  createdAt: DateTime!
  """Moved by every reply, edit, deletion of a reply, resolve and reopen."""
  updatedAt: DateTime!
  comments: [Comment!]!
}

type TextRange {
  start: Int!
  end: Int!
}

type Comment {
  id: ID!
  threadId: ID!
  """Its author (the email address is empty for guests, who may not see who the members are)."""
  author: User!
  body: String!
  createdAt: DateTime!
  editedAt: DateTime
}

enum ThreadEventKind {
  CREATED
  UPDATED
  DELETED
}

type ThreadEvent {
  kind: ThreadEventKind!
  """The thread as it is after the change (as it was, for DELETED)."""
  thread: CommentThread!
}

type SearchHit {
  document: Document!
  """
  A short passage of the body (or the title) around the match, matched words in <mark></mark>;
  the rest is HTML-escaped text, so the snippet may be shown as HTML.
  """
  snippet: String!
}

type SearchConnection {
  nodes: [SearchHit!]!
  pageInfo: PageInfo!
}
`;
