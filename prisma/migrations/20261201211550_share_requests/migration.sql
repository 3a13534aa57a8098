-- AlterTable
ALTER TABLE "LegalBasis" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "scope" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "shareRequestId" TEXT;

-- CreateTable
CREATE TABLE "ShareRequest" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "agency" TEXT NOT NULL DEFAULT 'SOCIAL_SERVICES',
    "scope" TEXT[],
    "purposeEnc" TEXT NOT NULL,
    "requestedById" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNoteEnc" TEXT,

    CONSTRAINT "ShareRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ShareRequest_caseId_status_idx" ON "ShareRequest"("caseId", "status");

-- AddForeignKey
ALTER TABLE "ShareRequest" ADD CONSTRAINT "ShareRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A report of concern discloses the report, not the case: bases recorded for reports before
-- this change no longer open the file to social services.
UPDATE "LegalBasis" SET "revokedAt" = CURRENT_TIMESTAMP WHERE "basis" = 'CONCERN_REPORT' AND "revokedAt" IS NULL;
