-- Search and comments (issue 10).

-- Full-text search: one row per document with the plain text of its title and body, kept
-- current by the API's indexer (apps/api/src/search/indexer.ts) a moment after each change,
-- off the path of the edit itself. The vector is GENERATED from them (title weighted above
-- body), so it can never disagree with the text, and a GIN index answers `@@` queries.
-- A table of its own rather than columns of "Document": listing documents never reads bodies.

-- CreateTable
CREATE TABLE "DocumentSearch" (
    "documentId" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    -- The document's lastSeq when the body was read: behind "Document"."lastSeq" means stale.
    "indexedSeq" INTEGER NOT NULL DEFAULT 0,
    "indexedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "vector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, "title"), 'A') ||
        setweight(to_tsvector('english'::regconfig, "body"), 'B')
    ) STORED,

    CONSTRAINT "DocumentSearch_pkey" PRIMARY KEY ("documentId")
);

-- CreateIndex
CREATE INDEX "DocumentSearch_vector_idx" ON "DocumentSearch" USING GIN ("vector");

-- AddForeignKey
ALTER TABLE "DocumentSearch" ADD CONSTRAINT "DocumentSearch_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Comments: threads anchored to a range of the body by two Yjs relative positions (encoded
-- with Y.encodeRelativePosition), kept here rather than as a mark in the Y.Doc: commenting
-- then needs no right to change the body, and restoring a version cannot remove them.

-- CreateTable
CREATE TABLE "CommentThread" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "anchorStart" BYTEA NOT NULL,
    "anchorEnd" BYTEA NOT NULL,
    "resolved" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommentThread_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    -- Its place in the thread (0 opened it): comments in one millisecond still keep their order.
    "position" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommentThread_documentId_createdAt_idx" ON "CommentThread"("documentId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Comment_threadId_position_key" ON "Comment"("threadId", "position");

-- CreateIndex
CREATE INDEX "Comment_authorId_idx" ON "Comment"("authorId");

-- AddForeignKey
ALTER TABLE "CommentThread" ADD CONSTRAINT "CommentThread_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "CommentThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
