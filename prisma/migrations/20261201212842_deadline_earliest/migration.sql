-- AlterTable
ALTER TABLE "Deadline" ADD COLUMN     "earliestAt" TIMESTAMP(3);
