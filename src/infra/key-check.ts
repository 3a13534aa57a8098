/**
 * Start-up check that this instance's encryption key is the one the database was written with.
 *
 * Many instances share one database. An instance started with another STAFETT_ENCRYPTION_KEY
 * (or, in local mode, with its own generated key) would write fields nobody else can open, and
 * fail on every field the others wrote — found as an intermittent "Något gick fel" after a Slack
 * retry landed on the other instance. So every key id that has written to the database leaves one
 * known plaintext encrypted with it (`EncryptionKeyCheck`), and an instance refuses to start when
 * a recorded key is missing from its configuration or its key of the same id does not open it.
 * A database from before this check is verified against a sample of its encrypted fields instead.
 *
 * Rotation: `npm run rotate-keys` (all keys configured) re-encrypts everything and then forgets
 * the retired keys' entries (`forgetRetiredKeys`), after which the old keys can be removed.
 */
import type { Prisma } from './db/database.ts';
import { ENCRYPTED } from './rotate-keys.ts';
import { FieldCipher } from '../shared/crypto.ts';

const PLAIN = 'stafett-key-check-v1';
/** Serialises the check across instances starting at once (pg advisory lock key). */
const LOCK = 7_301_946_112;

/** The configured key cannot read this database; the message says what to do. */
export class KeyMismatchError extends Error {
  readonly code = 'CRYPTO.KEY_MISMATCH';
}

const opens = (cipher: FieldCipher, token: string, expected?: string): boolean => {
  try {
    const plain = cipher.decrypt(token);
    return expected === undefined || plain === expected;
  } catch {
    return false;
  }
};

function mismatch(keyId: string, cipher: FieldCipher): KeyMismatchError {
  if (!cipher.hasKey(keyId)) {
    return new KeyMismatchError(
      `this database holds data encrypted with key "${keyId}", which STAFETT_ENCRYPTION_KEY does not list. ` +
        'Start every instance with the same STAFETT_ENCRYPTION_KEY (a new key goes first, the old ones stay after it until `npm run rotate-keys` has run).',
    );
  }
  return new KeyMismatchError(
    `the key "${keyId}" in STAFETT_ENCRYPTION_KEY is not the key "${keyId}" this database was written with. ` +
      'Start every instance with the same STAFETT_ENCRYPTION_KEY; with no key set, instances that share a database must share a data directory.',
  );
}

/** Throws KeyMismatchError unless `cipher` opens what the database holds; records the active key. */
export async function checkEncryptionKey(prisma: Prisma, cipher: FieldCipher): Promise<'recorded' | 'verified'> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK}::bigint)`;
    const rows = await tx.encryptionKeyCheck.findMany();
    for (const r of rows) {
      if (!cipher.hasKey(r.keyId) || !opens(cipher, r.token, PLAIN)) throw mismatch(r.keyId, cipher);
    }
    if (rows.length === 0) {
      // A database written before this check: one encrypted value per column tells.
      const sample = Object.entries(ENCRYPTED)
        .flatMap(([table, cols]) => cols.map((c) => `(SELECT "${c}" AS v FROM "${table}" WHERE "${c}" LIKE 'v1.%' LIMIT 1)`))
        .join(' UNION ALL ');
      const tokens = await tx.$queryRawUnsafe<{ v: string | null }[]>(sample);
      for (const { v } of tokens) {
        if (v && !opens(cipher, v)) throw mismatch(FieldCipher.keyIdOf(v), cipher);
      }
    }
    if (rows.some((r) => r.keyId === cipher.activeKeyId)) return 'verified';
    await tx.encryptionKeyCheck.create({ data: { keyId: cipher.activeKeyId, token: cipher.encrypt(PLAIN) } });
    return 'recorded';
  });
}

/** After a completed rotation: only the active key's entry remains, so the old keys may go. */
export async function forgetRetiredKeys(prisma: Prisma, cipher: FieldCipher): Promise<void> {
  await prisma.encryptionKeyCheck.deleteMany({ where: { keyId: { not: cipher.activeKeyId } } });
  await prisma.encryptionKeyCheck.upsert({ where: { keyId: cipher.activeKeyId }, create: { keyId: cipher.activeKeyId, token: cipher.encrypt(PLAIN) }, update: {} });
}
