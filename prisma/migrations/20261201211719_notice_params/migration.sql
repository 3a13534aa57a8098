-- AlterTable
ALTER TABLE "Nudge" ADD COLUMN     "paramsEnc" TEXT;
