/**
 * Converts free text stored in plaintext by earlier versions into the encrypted columns, and
 * empties the plaintext: meeting place and link, and free-text closure reasons (playbooks
 * without a reason list) in the case row and its log. SQL migrations cannot do this — they do
 * not hold the key — so it runs at every start after the migrations (and before key rotation).
 * Idempotent: a converted row has no plaintext left, so a second run finds nothing.
 */
import type { Prisma } from './db/database.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import type { PlaybookRegistry } from '../playbooks/index.ts';

export interface LegacyReport {
  meetings: number;
  closureReasons: number;
}

export async function encryptLegacyPlaintext(prisma: Prisma, cipher: FieldCipher, playbooks: PlaybookRegistry, batch = 500): Promise<LegacyReport> {
  let meetings = 0;
  for (;;) {
    const rows = await prisma.meeting.findMany({ where: { OR: [{ location: { not: null } }, { link: { not: null } }] }, select: { id: true, location: true, link: true, locationEnc: true, linkEnc: true }, take: batch });
    if (!rows.length) break;
    await prisma.$transaction(async (tx) => {
      for (const m of rows) {
        await tx.meeting.update({
          where: { id: m.id },
          data: {
            location: null, link: null,
            locationEnc: m.locationEnc ?? cipher.encryptOpt(m.location),
            linkEnc: m.linkEnc ?? cipher.encryptOpt(m.link),
          },
        });
      }
    });
    meetings += rows.length;
  }
  // A closure reason is free text when it is not a key of the case's playbook's list.
  let closureReasons = 0;
  const closed = await prisma.case.findMany({ where: { closureReason: { not: null } }, select: { id: true, playbookKey: true, playbookVersion: true, closureReason: true } });
  for (const k of closed) {
    const pb = playbooks.get(k.playbookKey, k.playbookVersion) ?? playbooks.get(k.playbookKey);
    if (pb?.closure.reasons?.some((r) => r.key === k.closureReason)) continue;
    if (!pb) continue;
    await prisma.$transaction(async (tx) => {
      await tx.case.update({ where: { id: k.id }, data: { closureReason: null, closureReasonEnc: cipher.encrypt(k.closureReason!) } });
      const entries = await tx.caseLogEntry.findMany({ where: { caseId: k.id, kind: 'case.closed' } });
      for (const e of entries) {
        const params = (e.params ?? {}) as Record<string, unknown>;
        if (typeof params.reason !== 'string') continue;
        await tx.caseLogEntry.update({ where: { id: e.id }, data: { params: { ...params, reason: null } as never, textEnc: e.textEnc ?? cipher.encrypt(params.reason) } });
      }
    });
    closureReasons++;
  }
  return { meetings, closureReasons };
}
