-- AlterTable
ALTER TABLE "DeliveryAttempt" ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "instanceId" TEXT;

-- AlterTable
ALTER TABLE "Nudge" ADD COLUMN     "cancelReason" TEXT;
