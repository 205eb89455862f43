// The content part of the contract (../shared/contract/content.graphql) that the API serves:
// export and import; and images, which the product needs beyond it. Search and comments
// follow with their own issue.
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
`;
