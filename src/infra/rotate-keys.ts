/**
 * Re-encrypts every encrypted field with the active key and recomputes the lookup hashes, so
 * older keys can be removed from STAFETT_ENCRYPTION_KEY afterwards. Idempotent and resumable:
 * rows already under the active key are skipped; each batch commits on its own.
 */
import type { Prisma } from './db/database.ts';
import type { FieldCipher } from '../shared/crypto.ts';

/** Encrypted columns per table (the names are fixed here, never taken from input). */
export const ENCRYPTED: Record<string, string[]> = {
  Case: ['studentRefEnc', 'reasonEnc', 'maintenancePlanEnc', 'closureReasonEnc'],
  Consent: ['noteEnc'],
  LegalBasis: ['noteEnc'],
  ShareRequest: ['purposeEnc', 'decisionNoteEnc'],
  Meeting: ['minutesEnc', 'locationEnc', 'linkEnc'],
  MeetingParticipant: ['labelEnc'],
  Goal: ['textEnc'],
  CaseAction: ['textEnc', 'evaluationEnc'],
  Decision: ['textEnc'],
  ConcernReport: ['noteEnc'],
  Deviation: ['textEnc'],
  CaseLogEntry: ['textEnc'],
  AttendanceRecord: ['studentRefEnc'],
  Nudge: ['paramsEnc'],
  InboxEntry: ['payloadEnc'],
};

export interface RotationReport {
  fields: number;
  hashes: number;
}

export async function rotateKeys(prisma: Prisma, cipher: FieldCipher, batch = 500): Promise<RotationReport> {
  const active = `v1.${cipher.activeKeyId}.%`;
  let fields = 0;
  let hashes = 0;
  const hashMap = new Map<string, string>();
  for (const [table, columns] of Object.entries(ENCRYPTED)) {
    for (const col of columns) {
      for (;;) {
        // Identifiers come from the constant map above; values are bound parameters.
        const rows = await prisma.$queryRawUnsafe<{ id: string; v: string }[]>(
          `SELECT "id"::text AS id, "${col}" AS v FROM "${table}" WHERE "${col}" IS NOT NULL AND "${col}" NOT LIKE $1 LIMIT ${batch}`,
          active,
        );
        if (!rows.length) break;
        await prisma.$transaction(async (tx) => {
          for (const r of rows) {
            const plain = cipher.decrypt(r.v);
            await tx.$executeRawUnsafe(`UPDATE "${table}" SET "${col}" = $1 WHERE "id"::text = $2`, cipher.encrypt(plain), r.id);
            if (col === 'studentRefEnc' && (table === 'Case' || table === 'AttendanceRecord')) {
              const rows2 = await tx.$queryRawUnsafe<{ h: string | null }[]>(`SELECT "studentRefHash" AS h FROM "${table}" WHERE "id"::text = $1`, r.id);
              const next = cipher.lookupHash(plain);
              const prev = rows2[0]?.h;
              if (prev && prev !== next) hashMap.set(prev, next);
              await tx.$executeRawUnsafe(`UPDATE "${table}" SET "studentRefHash" = $1 WHERE "id"::text = $2`, next, r.id);
              hashes++;
            }
            fields++;
          }
        });
      }
    }
  }
  // Consent parties keep their labels in JSON.
  const consents = await prisma.consent.findMany({ select: { id: true, givenBy: true } });
  for (const k of consents) {
    const parties = (k.givenBy as { party: string; labelEnc: string | null }[]) ?? [];
    if (!parties.some((p) => p.labelEnc && cipher.needsRotation(p.labelEnc))) continue;
    await prisma.consent.update({ where: { id: k.id }, data: { givenBy: parties.map((p) => ({ party: p.party, labelEnc: p.labelEnc ? cipher.encrypt(cipher.decrypt(p.labelEnc)) : null })) } });
    fields++;
  }
  // Absence signals only hold the hash: follow the mapping learnt above.
  for (const [prev, next] of hashMap) {
    await prisma.absenceSignal.updateMany({ where: { studentRefHash: prev }, data: { studentRefHash: next } });
  }
  return { fields, hashes };
}
