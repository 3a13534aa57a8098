-- CreateTable
CREATE TABLE "JobClaim" (
    "name" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "JobClaim_pkey" PRIMARY KEY ("name","period")
);
