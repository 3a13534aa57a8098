/**
 * Files offered to one person to take later: Teams sends a file only after the person accepts
 * a file-consent card, possibly minutes later and to another instance, so the bytes wait in the
 * database, encrypted, bound to that person, for a limited time. Only the person it was offered
 * to can take or decline it; taking it is audited, and the row is deleted once delivered.
 */
import type { Actor } from '../orgs/org.service.ts';
import { recordAudit } from '../audit/audit.ts';
import type { FileOffer } from '../ports/chat-port.ts';
import type { ReplyFile } from '../ports/file.ts';
import type { ServiceDeps } from '../shared/deps.ts';

/** How long an offer can be accepted. */
export const OFFER_TTL_MS = 24 * 60 * 60 * 1000;

const sizeOf = (f: ReplyFile) => (f.encoding === 'base64' ? Buffer.byteLength(f.content, 'base64') : Buffer.byteLength(f.content, 'utf8'));

/** Keeps `files` for `actor` and returns one offer per file. */
export async function offerFiles(deps: ServiceDeps, actor: Actor, files: ReplyFile[]): Promise<FileOffer[]> {
  const now = deps.clock.now();
  await deps.prisma.offeredFile.deleteMany({ where: { expiresAt: { lt: now } } });
  const offers: FileOffer[] = [];
  for (const f of files) {
    const row = await deps.prisma.offeredFile.create({
      data: {
        orgId: actor.orgId, personId: actor.personId, fileName: f.fileName, mimeType: f.mimeType, encoding: f.encoding ?? null,
        sizeBytes: sizeOf(f), contentEnc: deps.cipher.encrypt(f.content), createdAt: now, expiresAt: new Date(now.getTime() + OFFER_TTL_MS),
      },
    });
    offers.push({ id: row.id, fileName: row.fileName, sizeBytes: row.sizeBytes });
  }
  return offers;
}

async function findOffer(deps: ServiceDeps, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = await deps.prisma.offeredFile.findUnique({ where: { id } });
  if (!row || row.personId !== actor.personId || row.orgId !== actor.orgId || row.expiresAt <= deps.clock.now()) return null;
  return row;
}

/**
 * Hands the offered file to `send` (the platform upload) and deletes it once sent. `gone`: no
 * such offer for this person (never made, someone else's, expired or already taken); a refused
 * attempt is audited as DENIED.
 */
export async function deliverOfferedFile(deps: ServiceDeps, actor: Actor, id: string, send: (file: ReplyFile) => Promise<void>): Promise<'delivered' | 'gone'> {
  const row = await findOffer(deps, actor, id);
  const at = deps.clock.now();
  if (!row) {
    await recordAudit(deps.prisma, { at, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'file.take', outcome: 'DENIED', detail: { reason: 'no-offer' } });
    return 'gone';
  }
  const file: ReplyFile = { fileName: row.fileName, mimeType: row.mimeType, content: deps.cipher.decrypt(row.contentEnc), ...(row.encoding === 'base64' ? { encoding: 'base64' as const } : {}) };
  await send(file);
  await deps.prisma.offeredFile.deleteMany({ where: { id: row.id } });
  await recordAudit(deps.prisma, { at, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'file.take', detail: { file: row.fileName, bytes: row.sizeBytes } });
  return 'delivered';
}

/** Drops an offer the person declined (only their own); returns its file name. */
export async function declineOfferedFile(deps: ServiceDeps, actor: Actor, id: string): Promise<string | undefined> {
  const row = await findOffer(deps, actor, id);
  if (!row) return undefined;
  await deps.prisma.offeredFile.deleteMany({ where: { id: row.id } });
  return row.fileName;
}
