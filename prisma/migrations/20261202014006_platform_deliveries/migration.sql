-- CreateTable
CREATE TABLE "PlatformDelivery" (
    "platform" "Platform" NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "messageId" TEXT,
    "sentAt" TIMESTAMP(3),
    "resentInDoubtAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlatformDelivery_pkey" PRIMARY KEY ("platform","idempotencyKey")
);

-- CreateIndex
CREATE INDEX "PlatformDelivery_createdAt_idx" ON "PlatformDelivery"("createdAt");
