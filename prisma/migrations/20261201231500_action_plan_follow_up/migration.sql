-- AlterTable
ALTER TABLE "CaseAction" ADD COLUMN     "evaluatedAt" TIMESTAMP(3),
ADD COLUMN     "evaluationResult" TEXT,
ADD COLUMN     "number" INTEGER,
ADD COLUMN     "participantEnc" TEXT;

-- Number existing actions in the order they were added, per case.
UPDATE "CaseAction" AS a SET "number" = n."rn"
FROM (SELECT "id", row_number() OVER (PARTITION BY "caseId" ORDER BY "createdAt", "id") AS "rn" FROM "CaseAction") AS n
WHERE a."id" = n."id" AND a."number" IS NULL;
