// The content part of the contract (../shared/contract/content.graphql) that the API serves:
// export and import. Search and comments follow with their own issue.
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
  lists, task lists, quotes, code blocks, tables, links, emphasis. Over the size limit
  (MAX_UPDATE_BYTES, in UTF-8 bytes): PAYLOAD_TOO_LARGE. HTML is sanitised (no scripts, event
  handlers or javascript: links survive); a javascript: link in Markdown keeps its text only.
  Without a title, the HTML page's <title> or else the first heading is the title.
  """
  importDocument(format: DocumentFormat!, content: String!, title: String): Document!
}
`;
