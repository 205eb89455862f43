-- No client can hurt another (issue 11): each Yjs clientID of a document belongs to whoever
-- first wrote with it (an account, or a share link for guests), and updates whose missing
-- dependencies would leave Yjs holding them pending wait aside until those dependencies arrive.

-- CreateTable
CREATE TABLE "DocumentClient" (
    "documentId" TEXT NOT NULL,
    "clientId" BIGINT NOT NULL,
    "ownerKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentClient_pkey" PRIMARY KEY ("documentId","clientId")
);

-- CreateTable
CREATE TABLE "QuarantinedUpdate" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "origin" TEXT,
    "author" TEXT,
    "ownerKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuarantinedUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuarantinedUpdate_documentId_createdAt_idx" ON "QuarantinedUpdate"("documentId", "createdAt");

-- AddForeignKey
ALTER TABLE "DocumentClient" ADD CONSTRAINT "DocumentClient_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantinedUpdate" ADD CONSTRAINT "QuarantinedUpdate_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
