-- DropIndex
DROP INDEX "PersonOrgRole_personId_role_schoolUnitId_key";

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "deprovisionedAt" TIMESTAMP(3),
ADD COLUMN     "familyName" TEXT,
ADD COLUMN     "givenName" TEXT,
ADD COLUMN     "provisionedAt" TIMESTAMP(3),
ADD COLUMN     "scimExternalId" TEXT,
ADD COLUMN     "scimUserName" TEXT;

-- AlterTable
ALTER TABLE "PersonOrgRole" ADD COLUMN     "scimGroupId" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'CHAT';

-- Roles that existed before sources were recorded were written by the organisation file (or by
-- hand in chat, indistinguishably); they keep today's behaviour: the file rewrites them at start.
UPDATE "PersonOrgRole" SET "source" = 'FILE';

-- CreateTable
CREATE TABLE "ScimToken" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ScimToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimGroup" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "externalId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScimGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimGroupMember" (
    "groupId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScimGroupMember_pkey" PRIMARY KEY ("groupId","personId")
);

-- CreateIndex
CREATE INDEX "ScimToken_orgId_idx" ON "ScimToken"("orgId");

-- CreateIndex
CREATE INDEX "ScimGroup_orgId_displayName_idx" ON "ScimGroup"("orgId", "displayName");

-- CreateIndex
CREATE UNIQUE INDEX "ScimGroup_orgId_externalId_key" ON "ScimGroup"("orgId", "externalId");

-- CreateIndex
CREATE INDEX "ScimGroupMember_personId_idx" ON "ScimGroupMember"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_orgId_scimUserName_key" ON "Person"("orgId", "scimUserName");

-- CreateIndex
CREATE UNIQUE INDEX "Person_orgId_scimExternalId_key" ON "Person"("orgId", "scimExternalId");

-- CreateIndex
CREATE UNIQUE INDEX "PersonOrgRole_personId_role_schoolUnitId_source_key" ON "PersonOrgRole"("personId", "role", "schoolUnitId", "source");

-- AddForeignKey
ALTER TABLE "ScimToken" ADD CONSTRAINT "ScimToken_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroup" ADD CONSTRAINT "ScimGroup_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroupMember" ADD CONSTRAINT "ScimGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ScimGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroupMember" ADD CONSTRAINT "ScimGroupMember_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
