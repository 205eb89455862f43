// Full-text search in SQL (PostgreSQL and PGlite alike): the "DocumentSearch" table holds each
// document's title and body as plain text and a GENERATED tsvector with a GIN index (see the
// migration 20261203000000_search_and_comments). Raw SQL because Prisma has no full-text
// search for PostgreSQL; parameters are bound, never spliced.
//
// Visibility is part of the WHERE clause, so a document the caller may not see is never read,
// ranked or quoted: it cannot leak through a snippet or through a page's length.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { Visibility } from '../access/policy.js';
import type { RawQuery } from '../db/database.js';

/** The text search configuration: English stemming ("edits" finds "editing") and stop words. */
const CONFIG = 'english';

/** ts_headline's options: matched words in <mark>, a passage of a dozen to thirty words. */
const HEADLINE_OPTIONS = 'StartSel=<mark>, StopSel=</mark>, MinWords=12, MaxWords=30, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';

export interface SearchHitRow {
  documentId: string;
  snippet: string;
}

export interface SearchText {
  documentId: string;
  title: string;
  body: string;
  /** The document's lastSeq that `body` reflects. */
  seq: number;
}

function visibleSql(visible: Visibility): Prisma.Sql {
  switch (visible.kind) {
    case 'all':
      return Prisma.sql`TRUE`;
    case 'document':
      return Prisma.sql`d."id" = ${visible.documentId}`;
    case 'member':
      return Prisma.sql`(d."generalAccess" <> 'RESTRICTED' OR EXISTS (
        SELECT 1 FROM "DocumentMember" m WHERE m."documentId" = d."id" AND m."userId" = ${visible.userId}))`;
  }
}

/** Text as HTML: the snippet's only markup is the <mark> that ts_headline adds. */
const escapedSql = (column: Prisma.Sql) =>
  Prisma.sql`replace(replace(replace(${column}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;

export class SearchStore {
  constructor(
    private readonly prisma: PrismaClient,
    /** The driver itself, for the start-up check (see `stale`). */
    private readonly rawQuery: RawQuery,
  ) {}

  /**
   * One page of matches, best first: documents whose title matches before those matched only in
   * the body, then by ts_rank, then the most recently changed. `limit` rows from `offset`.
   */
  async search(query: string, visible: Visibility, offset: number, limit: number): Promise<SearchHitRow[]> {
    const config = Prisma.sql`${CONFIG}::regconfig`;
    // The inner query ranks and cuts the page; only the page's rows get the (costly) headline.
    return this.prisma.$queryRaw<SearchHitRow[]>`
      WITH q AS (
        SELECT websearch_to_tsquery(${config}, ${query}) AS query,
               -- Any one of the searched words: ts_headline picks passages that hold all of
               -- its query, and a document may match with words in its title and its body.
               array_to_string(ARRAY(
                 SELECT quote_literal(word) FROM unnest(tsvector_to_array(to_tsvector(${config}, ${query}))) AS word
               ), ' | ')::tsquery AS words
      ),
      page AS (
        SELECT s."documentId", s."title", s."body",
               -- The title's words are the vector's weight-A lexemes: no need to parse titles again.
               ts_filter(s."vector", '{a}') @@ q.query AS "inTitle",
               ts_rank(s."vector", q.query) AS rank,
               d."updatedAt"
        FROM "DocumentSearch" s
        JOIN "Document" d ON d."id" = s."documentId"
        CROSS JOIN q
        WHERE s."vector" @@ q.query AND ${visibleSql(visible)}
        ORDER BY "inTitle" DESC, rank DESC, d."updatedAt" DESC, s."documentId"
        OFFSET ${offset} LIMIT ${limit}
      )
      SELECT page."documentId",
             -- The body's passage when any searched word is in the body, else the title.
             CASE WHEN strpos(h.body, '<mark>') > 0 THEN h.body
               ELSE ts_headline(${config}, ${escapedSql(Prisma.sql`page."title"`)}, q.words, ${HEADLINE_OPTIONS})
             END AS snippet
      FROM page CROSS JOIN q
      CROSS JOIN LATERAL (SELECT ts_headline(${config}, ${escapedSql(Prisma.sql`page."body"`)}, q.words, ${HEADLINE_OPTIONS}) AS body) h
      ORDER BY page."inTitle" DESC, page.rank DESC, page."updatedAt" DESC, page."documentId"`;
  }

  /** Stores what search reads for a document; never goes back to an older body (a lower seq). */
  async write(text: SearchText): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO "DocumentSearch" ("documentId", "title", "body", "indexedSeq", "indexedAt")
      SELECT ${text.documentId}, ${text.title}, ${text.body}, ${text.seq}, now()
      WHERE EXISTS (SELECT 1 FROM "Document" WHERE "id" = ${text.documentId})
      ON CONFLICT ("documentId") DO UPDATE
        SET "title" = EXCLUDED."title", "body" = EXCLUDED."body", "indexedSeq" = EXCLUDED."indexedSeq", "indexedAt" = EXCLUDED."indexedAt"
        WHERE "DocumentSearch"."indexedSeq" <= EXCLUDED."indexedSeq"`;
  }

  /** Documents whose entry is missing or behind their title or body (after an upgrade, a crash). */
  async stale(after: string, limit: number): Promise<string[]> {
    // Straight through the driver: this runs at every start-up, and Prisma's first query loads
    // its query compiler (tens of MB of WebAssembly) that an idle server would otherwise never
    // need. With nothing stale, the embedded default stays that much smaller at rest.
    const rows = await this.rawQuery<{ id: string }>(
      `SELECT d."id" FROM "Document" d LEFT JOIN "DocumentSearch" s ON s."documentId" = d."id"
       WHERE d."id" > $1 AND (s."documentId" IS NULL OR s."indexedSeq" < d."lastSeq" OR s."title" <> d."title")
       ORDER BY d."id" LIMIT $2`,
      [after, limit],
    );
    return rows.map((row) => row.id);
  }
}
