-- CreateTable
CREATE TABLE "OfferedFile" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "encoding" TEXT,
    "sizeBytes" INTEGER NOT NULL,
    "contentEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OfferedFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OfferedFile_personId_idx" ON "OfferedFile"("personId");

-- CreateIndex
CREATE INDEX "OfferedFile_expiresAt_idx" ON "OfferedFile"("expiresAt");
