/**
 * Bearer tokens for provisioning clients, one live token per organisation. A token is
 * `stafett_scim_<id>_<secret>`: the id finds the row, the secret is compared as a SHA-256 digest in
 * constant time. Only the digest is stored; the token is shown once, when created.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Prisma } from '../infra/db/database.ts';

const TOKEN_RE = /^stafett_scim_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Creates a new token for an organisation and revokes the ones before it (rotation). */
export async function rotateScimToken(prisma: Prisma, orgId: string, now: Date): Promise<{ token: string; tokenId: string; revoked: number }> {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const revoked = await prisma.$transaction(async (tx) => {
    const r = await tx.scimToken.updateMany({ where: { orgId, revokedAt: null }, data: { revokedAt: now } });
    await tx.scimToken.create({ data: { id, orgId, secretHash: digest(secret), createdAt: now } });
    return r.count;
  });
  return { token: `stafett_scim_${id}_${secret}`, tokenId: id, revoked };
}

/** Revokes every token of an organisation (provisioning stops until a new one is created). */
export async function revokeScimTokens(prisma: Prisma, orgId: string, now: Date): Promise<number> {
  return (await prisma.scimToken.updateMany({ where: { orgId, revokedAt: null }, data: { revokedAt: now } })).count;
}

/** The organisation a presented token belongs to, or null. Same work whether or not the id exists. */
export async function verifyScimToken(prisma: Prisma, presented: string): Promise<{ orgId: string; tokenId: string } | null> {
  const m = TOKEN_RE.exec(presented);
  const given = Buffer.from(digest(m?.[2] ?? presented), 'hex');
  const row = m ? await prisma.scimToken.findUnique({ where: { id: m[1]! } }) : null;
  const stored = Buffer.from(row?.secretHash ?? '0'.repeat(64), 'hex');
  const same = stored.length === given.length && timingSafeEqual(stored, given);
  if (!row || !same || row.revokedAt) return null;
  return { orgId: row.orgId, tokenId: row.id };
}
