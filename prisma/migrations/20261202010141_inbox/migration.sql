-- CreateEnum
CREATE TYPE "InboxState" AS ENUM ('RECEIVED', 'DONE', 'ABANDONED');

-- CreateTable
CREATE TABLE "InboxEntry" (
    "id" TEXT NOT NULL,
    "requestKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payloadEnc" TEXT,
    "state" "InboxState" NOT NULL DEFAULT 'RECEIVED',
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "finishedAt" TIMESTAMP(3),
    "outcome" TEXT,

    CONSTRAINT "InboxEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboxEntry_requestKey_key" ON "InboxEntry"("requestKey");

-- CreateIndex
CREATE INDEX "InboxEntry_state_leaseUntil_idx" ON "InboxEntry"("state", "leaseUntil");

-- CreateIndex
CREATE INDEX "InboxEntry_state_finishedAt_idx" ON "InboxEntry"("state", "finishedAt");
