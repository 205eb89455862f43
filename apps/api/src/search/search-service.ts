// search(query): checks what a person typed, pages by offset (ranks are not a stable key for a
// keyset), and returns each hit with its document row.
import type { Visibility } from '../access/policy.js';
import { badInput } from '../documents/errors.js';
import type { DocumentRow, DocumentStore } from '../documents/store.js';
import type { SearchStore } from './search-store.js';

export const MAX_QUERY_LENGTH = 500;
/** Pages deeper than this are not worth ranking: refine the query instead. */
export const MAX_OFFSET = 1000;

export interface SearchPage {
  nodes: { document: DocumentRow; snippet: string }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

function readCursor(after: string | null | undefined): number {
  if (!after) return 0;
  const offset = Number(Buffer.from(after, 'base64url').toString('utf8').replace(/^search:/, ''));
  if (!Buffer.from(after, 'base64url').toString('utf8').startsWith('search:') || !Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
    throw badInput('`after` is not a cursor this API returned');
  }
  return offset;
}

const cursorAt = (offset: number) => Buffer.from(`search:${offset}`).toString('base64url');

export class SearchService {
  constructor(
    private readonly store: SearchStore,
    private readonly documents: DocumentStore,
  ) {}

  async search(query: string, first: number, after: string | null | undefined, visible: Visibility): Promise<SearchPage> {
    const text = query.trim();
    if (!text) throw badInput('query must not be empty');
    if (text.length > MAX_QUERY_LENGTH) throw badInput(`query is longer than ${MAX_QUERY_LENGTH} characters`);
    if (text.includes('\u0000')) throw badInput('query must not contain the NUL character');
    const offset = readCursor(after);
    const rows = await this.store.search(text, visible, offset, first + 1);
    const page = rows.slice(0, first);
    const documents = await this.documents.findDocuments(page.map((row) => row.documentId));
    // A document deleted between the two reads is left out.
    const nodes = page.flatMap((row) => {
      const document = documents.get(row.documentId);
      return document ? [{ document, snippet: row.snippet }] : [];
    });
    const end = offset + page.length;
    return { nodes, hasNextPage: rows.length > first && end < MAX_OFFSET, endCursor: page.length > 0 ? cursorAt(end) : null };
  }
}
