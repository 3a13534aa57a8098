-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "closureReasonEnc" TEXT;

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "linkEnc" TEXT,
ADD COLUMN     "locationEnc" TEXT;
